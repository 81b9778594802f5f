// check: layout-false-sharing
// expect: report
// record: thread_stats
// source: memcached thread.c memcached_thread_init + worker_libevent (per-worker struct thread_stats with its own mutex, in a calloc'd array)
// why: each worker locks and bumps its own 56-byte slot of a calloc'd array; neighbouring workers' slots share a line, so every get on one worker steals the other's stats line
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct thread_stats {
    pthread_mutex_t mutex;
    uint64_t get_cmds;
    uint64_t get_misses;
};

static struct thread_stats *thread_stats;
static int nthreads = 4;

static int item_get(const char *key, size_t nkey) {
    return (nkey & 3) != 0 && key[0] != '!';
}

static void *worker_libevent(void *arg) {
    long me = (long)arg;
    char key[32];
    for (int i = 0; i < 1000000; i++) {
        int n = snprintf(key, sizeof key, "key:%d", i & 1023);
        int hit = item_get(key, (size_t)n);
        pthread_mutex_lock(&thread_stats[me].mutex);
        thread_stats[me].get_cmds++;
        if (!hit)
            thread_stats[me].get_misses++;
        pthread_mutex_unlock(&thread_stats[me].mutex);
    }
    return NULL;
}

int main(void) {
    pthread_t tids[16];
    thread_stats = calloc((size_t)nthreads, sizeof(struct thread_stats));
    for (int i = 0; i < nthreads; i++)
        pthread_mutex_init(&thread_stats[i].mutex, NULL);
    for (long i = 0; i < nthreads; i++)
        pthread_create(&tids[i], NULL, worker_libevent, (void *)i);
    uint64_t gets = 0, misses = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(tids[i], NULL);
        gets += thread_stats[i].get_cmds;
        misses += thread_stats[i].get_misses;
    }
    printf("STAT get_cmds %llu\nSTAT get_misses %llu\n",
           (unsigned long long)gets, (unsigned long long)misses);
    free(thread_stats);
    return 0;
}
