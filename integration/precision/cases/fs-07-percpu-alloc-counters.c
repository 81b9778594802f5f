// check: layout-false-sharing
// expect: report
// record: percpu_stat
// source: librseq tests/basic_percpu_ops_test.c this_cpu_* counters (sched_getcpu-indexed percpu entries), without the aligned(128) its entries carry
// why: every allocation bumps cpu_stats[sched_getcpu()]; 24-byte entries put adjacent CPUs on one line, so the "per-CPU" counters bounce between cores
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_CPUS 256

struct percpu_stat {
    uint64_t allocs;
    uint64_t frees;
    uint64_t bytes;
};

static struct percpu_stat cpu_stats[MAX_CPUS];

static void *tracked_malloc(size_t size) {
    int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= MAX_CPUS)
        cpu = 0;
    __atomic_fetch_add(&cpu_stats[cpu].allocs, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&cpu_stats[cpu].bytes, size, __ATOMIC_RELAXED);
    return malloc(size);
}

static void tracked_free(void *p) {
    int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= MAX_CPUS)
        cpu = 0;
    __atomic_fetch_add(&cpu_stats[cpu].frees, 1, __ATOMIC_RELAXED);
    free(p);
}

static void *percpu_worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000000; i++) {
        void *p = tracked_malloc(16 + (i & 255));
        tracked_free(p);
    }
    return NULL;
}

int main(void) {
    pthread_t threads[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&threads[i], NULL, percpu_worker, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(threads[i], NULL);
    uint64_t allocs = 0;
    for (int cpu = 0; cpu < MAX_CPUS; cpu++)
        allocs += cpu_stats[cpu].allocs;
    printf("%llu\n", (unsigned long long)allocs);
    return 0;
}
