// check: layout-false-sharing
// expect: report
// record: thread
// source: wrk src/wrk.c main + thread_main + response_complete (thread *threads = zcalloc(cfg.threads * sizeof(thread)))
// why: each load thread bumps complete/requests/bytes in its own element of a calloc'd array of 88-byte structs; elements straddle lines, so neighbouring threads write the same line per response
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    uint32_t connect, read, write, status, timeout;
} errors;

typedef struct thread {
    pthread_t thread;
    void *loop;
    const char *host;
    uint64_t connections;
    uint64_t complete;
    uint64_t requests;
    uint64_t bytes;
    uint64_t start;
    errors errors;
} thread;

static int response_status(uint64_t n) { return (n % 97) ? 200 : 503; }

static void response_complete(thread *t, size_t len) {
    t->complete++;
    t->requests++;
    t->bytes += len;
    if (response_status(t->requests) > 399)
        t->errors.status++;
}

static void *thread_main(void *arg) {
    thread *t = arg;
    for (uint64_t i = 0; i < 5000000; i++)
        response_complete(t, 200 + (i & 63));
    return NULL;
}

int main(int argc, char **argv) {
    uint64_t nthreads = argc > 1 ? strtoull(argv[1], NULL, 10) : 8;
    thread *threads = calloc(nthreads, sizeof(thread));
    for (uint64_t i = 0; i < nthreads; i++) {
        thread *t = &threads[i];
        t->host = "localhost";
        t->connections = 10;
        pthread_create(&t->thread, NULL, thread_main, t);
    }
    uint64_t complete = 0, bytes = 0;
    for (uint64_t i = 0; i < nthreads; i++) {
        pthread_join(threads[i].thread, NULL);
        complete += threads[i].complete;
        bytes += threads[i].bytes;
    }
    printf("%llu requests, %llu bytes\n", (unsigned long long)complete,
           (unsigned long long)bytes);
    free(threads);
    return 0;
}
