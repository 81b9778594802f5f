// check: layout-false-sharing
// expect: quiet
// source: redis src/server.c call() (per-command calls/microseconds) + src/networking.c IOThreadMain / setIOPendingCount (threads_pending aligned to CACHE_LINE_SIZE since redis 7)
// why: cmdstats is indexed by command, not by thread, and only the main thread executes commands; the one array the I/O threads do write is already line-aligned
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define CACHE_LINE_SIZE 64
#define IO_THREADS_MAX_NUM 16
#define CMD_COUNT 8

struct cmdstat {
    long long calls;
    long long microseconds;
    long long rejected_calls;
    long long failed_calls;
};

typedef struct __attribute__((aligned(CACHE_LINE_SIZE))) threads_pending {
    atomic_ulong value;
} threads_pending;

static struct cmdstat cmdstats[CMD_COUNT];
static threads_pending io_threads_pending[IO_THREADS_MAX_NUM];
static int io_threads_num = 4;

static unsigned long getIOPendingCount(int i) { return atomic_load(&io_threads_pending[i].value); }
static void setIOPendingCount(int i, unsigned long count) { atomic_store(&io_threads_pending[i].value, count); }

static void *IOThreadMain(void *myid) {
    long id = (long)myid;
    for (long rounds = 0; rounds < 100000;) {
        if (getIOPendingCount((int)id) == 0)
            continue;
        rounds++;
        setIOPendingCount((int)id, 0);
    }
    return NULL;
}

static int lookupCommand(const char *name) { return (int)(strlen(name) % CMD_COUNT); }

static void call(const char *name, long long duration, int failed) {
    int id = lookupCommand(name);
    cmdstats[id].calls++;
    cmdstats[id].microseconds += duration;
    if (failed)
        cmdstats[id].failed_calls++;
}

int main(void) {
    static const char *cmds[] = {"GET", "SET", "INCR", "LPUSH", "HSET", "ZADD"};
    pthread_t io_threads[IO_THREADS_MAX_NUM];
    for (long i = 1; i < io_threads_num; i++)
        pthread_create(&io_threads[i], NULL, IOThreadMain, (void *)i);
    for (long n = 0; n < 10000000; n++) {
        call(cmds[n % 6], n & 15, (n & 1023) == 0);
        if ((n & 127) == 0)
            for (int j = 1; j < io_threads_num; j++)
                setIOPendingCount(j, 1);
    }
    printf("cmdstat_get:calls=%lld\n", cmdstats[lookupCommand("GET")].calls);
    return 0;
}
