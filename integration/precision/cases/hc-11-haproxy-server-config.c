// check: layout-hot-cold
// expect: quiet
// source: HAProxy src/cfgparse.c / src/server.c parse_server + srv_init_addr + free_server (loops over every configured server once at start-up and exit), runtime in src/lb_map.c map_get_server_hash
// why: the loops that touch id, addr, weights and check settings run once (config parse, init, free); the request path touches cur_state and cur_conns of one server, which already sit together
#define _POSIX_C_SOURCE 200809L
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct server {
    int cur_state;
    unsigned int cur_conns;
    char *id;
    struct sockaddr_storage addr;
    int uweight;
    int iweight;
    int maxconn;
    char *cookie;
    int check_inter;
    int check_rise;
    int check_fall;
    int check_port;
    char *check_path;
    int agent_port;
};

struct proxy {
    struct server *srv;
    int nbsrv;
};

static void parse_config(struct proxy *px, FILE *f) {
    char line[256], name[64];
    int weight, inter;
    px->srv = calloc(1024, sizeof(struct server));
    while (fgets(line, sizeof line, f) && px->nbsrv < 1024) {
        if (sscanf(line, "server %63s weight %d inter %d", name, &weight, &inter) != 3)
            continue;
        struct server *s = &px->srv[px->nbsrv++];
        s->id = strdup(name);
        s->uweight = s->iweight = weight;
        s->check_inter = inter;
        s->check_rise = 2;
        s->check_fall = 3;
        s->maxconn = 0;
        s->addr.ss_family = AF_INET;
    }
}

static void srv_init_all(struct proxy *px) {
    for (int i = 0; i < px->nbsrv; i++) {
        struct server *s = &px->srv[i];
        if (!s->check_port)
            s->check_port = ((struct sockaddr_in *)&s->addr)->sin_port;
        s->cur_state = s->uweight > 0;
    }
}

static void free_proxy(struct proxy *px) {
    for (int i = 0; i < px->nbsrv; i++) {
        free(px->srv[i].id);
        free(px->srv[i].cookie);
        free(px->srv[i].check_path);
    }
    free(px->srv);
}

static struct server *map_get_server_hash(struct proxy *px, unsigned int hash) {
    struct server *s = &px->srv[hash % (unsigned)px->nbsrv];
    if (!s->cur_state)
        return NULL;
    s->cur_conns++;
    return s;
}

int main(int argc, char **argv) {
    struct proxy px = {0};
    FILE *f = fopen(argc > 1 ? argv[1] : "haproxy.cfg", "r");
    if (!f)
        return 1;
    parse_config(&px, f);
    fclose(f);
    if (px.nbsrv == 0)
        return 1;
    srv_init_all(&px);
    unsigned long served = 0;
    for (unsigned int req = 0; req < 100000000u; req++)
        served += map_get_server_hash(&px, req * 2654435761u) != NULL;
    printf("%lu\n", served);
    free_proxy(&px);
    return 0;
}
