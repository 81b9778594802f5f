// check: layout-hot-cold
// expect: quiet
// source: redis src/server.h struct redisServer (the one global `server`) + src/server.c call / src/networking.c readQueryFromClient
// why: the hot counters are spread through redisServer, but there is exactly one of it; its few hot lines stay cached and reordering it buys nothing measurable
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

typedef struct redisDb { void *dict; void *expires; int id; } redisDb;

struct redisServer {
    pid_t pid;
    char *configfile;
    char *executable;
    char **exec_argv;
    int dynamic_hz;
    int config_hz;
    int hz;
    redisDb *db;
    void *commands;
    void *el;
    char runid[41];
    char replid[41];
    char replid2[41];
    long long master_repl_offset;
    int port;
    int tcp_backlog;
    char *bindaddr[16];
    int bindaddr_count;
    char *unixsocket;
    long long stat_numcommands;
    long long stat_net_input_bytes;
    long long stat_net_output_bytes;
    long long stat_expiredkeys;
    char *logfile;
    int syslog_enabled;
    char *syslog_ident;
    char *aof_filename;
    char *rdb_filename;
    int rdb_compression;
    int rdb_checksum;
    long long dirty;
    long long dirty_before_bgsave;
    time_t lastsave;
    time_t lastbgsave_try;
    long long mstime;
    unsigned int lruclock;
};

struct redisServer server;

static void call(const char *cmd, size_t len, int writes) {
    server.stat_numcommands++;
    if (writes)
        server.dirty++;
    server.stat_net_output_bytes += 5 + (long long)len;
}

static void readQueryFromClient(const char *buf, size_t nread) {
    server.stat_net_input_bytes += (long long)nread;
    for (size_t pos = 0; pos < nread;) {
        const char *nl = memchr(buf + pos, '\n', nread - pos);
        size_t len = nl ? (size_t)(nl - (buf + pos)) : nread - pos;
        call(buf + pos, len, buf[pos] == 'S');
        pos += len + 1;
    }
}

int main(void) {
    static redisDb dbs[16];
    server.db = dbs;
    server.hz = 10;
    const char *pipeline = "SET k v\nGET k\nINCR n\nGET n\n";
    for (long i = 0; i < 10000000; i++) {
        readQueryFromClient(pipeline, strlen(pipeline));
        server.mstime = i;
    }
    printf("total_commands_processed:%lld\n", server.stat_numcommands);
    return 0;
}
