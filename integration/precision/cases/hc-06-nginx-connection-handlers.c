// check: layout-hot-cold
// expect: report
// record: ngx_connection_s
// source: nginx src/core/ngx_connection.h ngx_connection_s (cycle->connections array) + src/event/modules/ngx_epoll_module.c ngx_epoll_process_events -> rev->handler(rev) -> ngx_http_wait_request_handler, c->recv / c->send
// why: every ready event reaches the connection only through the handler and recv/send function pointers, which read fd, recv/send, buffer, sent and requests; those lie on four different lines of the 224-byte connection among the listening/log/address fields
#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/types.h>

typedef struct ngx_connection_s ngx_connection_t;
typedef struct ngx_event_s ngx_event_t;
typedef void (*ngx_event_handler_pt)(ngx_event_t *ev);
typedef ssize_t (*ngx_recv_pt)(ngx_connection_t *c, unsigned char *buf, size_t size);
typedef ssize_t (*ngx_send_pt)(ngx_connection_t *c, unsigned char *buf, size_t size);
typedef struct { size_t len; unsigned char *data; } ngx_str_t;
typedef struct { unsigned char *pos, *last, *start, *end; } ngx_buf_t;
typedef struct ngx_queue_s { struct ngx_queue_s *prev, *next; } ngx_queue_t;

struct ngx_event_s {
    void *data;
    unsigned ready;
    ngx_event_handler_pt handler;
};

struct ngx_connection_s {
    void *data;
    ngx_event_t *read;
    ngx_event_t *write;
    int fd;
    ngx_recv_pt recv;
    ngx_send_pt send;
    void *recv_chain;
    void *send_chain;
    void *listening;
    off_t sent;
    void *log;
    void *pool;
    int type;
    struct sockaddr *sockaddr;
    socklen_t socklen;
    ngx_str_t addr_text;
    void *proxy_protocol;
    void *ssl;
    void *udp;
    struct sockaddr *local_sockaddr;
    socklen_t local_socklen;
    ngx_buf_t *buffer;
    ngx_queue_t queue;
    unsigned long number;
    unsigned long start_time;
    unsigned long requests;
};

static ssize_t ngx_unix_recv(ngx_connection_t *c, unsigned char *buf, size_t size) {
    return c->fd >= 0 ? (ssize_t)(size / 2 + (buf != NULL)) : -1;
}

static ssize_t ngx_unix_send(ngx_connection_t *c, unsigned char *buf, size_t size) {
    return c->fd >= 0 && buf ? (ssize_t)size : -1;
}

static void ngx_http_wait_request_handler(ngx_event_t *rev) {
    ngx_connection_t *c = rev->data;
    ngx_buf_t *b = c->buffer;
    ssize_t n = c->recv(c, b->last, (size_t)(b->end - b->last));
    if (n <= 0)
        return;
    b->last = b->start + ((b->last - b->start) + n) % (b->end - b->start);
    c->requests++;
    n = c->send(c, b->pos, (size_t)n);
    if (n > 0)
        c->sent += n;
}

static void ngx_epoll_process_events(ngx_event_t **events, int nevents) {
    for (int i = 0; i < nevents; i++) {
        ngx_event_t *rev = events[i];
        if (rev->ready)
            rev->handler(rev);
    }
}

int main(void) {
    enum { connection_n = 4096 };
    ngx_connection_t *connections = calloc(connection_n, sizeof(ngx_connection_t));
    ngx_event_t *read_events = calloc(connection_n, sizeof(ngx_event_t));
    ngx_event_t **ready = calloc(connection_n, sizeof(ngx_event_t *));
    ngx_buf_t *bufs = calloc(connection_n, sizeof(ngx_buf_t));
    static unsigned char mem[connection_n][1024];
    for (int i = 0; i < connection_n; i++) {
        ngx_connection_t *c = &connections[i];
        bufs[i] = (ngx_buf_t){mem[i], mem[i], mem[i], mem[i] + sizeof mem[i]};
        c->fd = i + 3;
        c->read = &read_events[i];
        c->buffer = &bufs[i];
        c->recv = ngx_unix_recv;
        c->send = ngx_unix_send;
        read_events[i] = (ngx_event_t){c, 1, ngx_http_wait_request_handler};
        ready[i] = &read_events[i];
    }
    for (int loop = 0; loop < 10000; loop++)
        ngx_epoll_process_events(ready, connection_n);
    return 0;
}
