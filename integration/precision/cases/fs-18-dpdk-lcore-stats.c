// check: layout-false-sharing
// expect: quiet
// source: DPDK examples/l2fwd/main.c l2fwd_main_loop + print_stats (struct l2fwd_port_statistics ... __rte_cache_aligned, one per lcore/port), here indexed by sched_getcpu
// why: the per-CPU slots are written by one CPU each and are already aligned to the cache line, so neighbours never share a line
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

#define RTE_MAX_LCORE 128
#define __rte_cache_aligned __attribute__((aligned(64)))

struct lcore_port_statistics {
    uint64_t tx;
    uint64_t rx;
    uint64_t dropped;
} __rte_cache_aligned;

static struct lcore_port_statistics port_statistics[RTE_MAX_LCORE];

static unsigned rx_burst(uint64_t iter, void **pkts, unsigned n) {
    unsigned got = (unsigned)(iter % (n + 1));
    for (unsigned i = 0; i < got; i++)
        pkts[i] = (void *)(uintptr_t)(iter + i);
    return got;
}

static void *l2fwd_main_loop(void *arg) {
    (void)arg;
    void *pkts[32];
    for (uint64_t iter = 0; iter < 10000000; iter++) {
        unsigned lcore_id = (unsigned)sched_getcpu() % RTE_MAX_LCORE;
        unsigned nb_rx = rx_burst(iter, pkts, 32);
        port_statistics[lcore_id].rx += nb_rx;
        for (unsigned j = 0; j < nb_rx; j++) {
            if (((uintptr_t)pkts[j] & 63) == 0)
                port_statistics[lcore_id].dropped++;
            else
                port_statistics[lcore_id].tx++;
        }
    }
    return NULL;
}

static void print_stats(void) {
    uint64_t total_rx = 0, total_tx = 0;
    for (unsigned i = 0; i < RTE_MAX_LCORE; i++) {
        total_rx += port_statistics[i].rx;
        total_tx += port_statistics[i].tx;
    }
    printf("Total packets received: %llu sent: %llu\n", (unsigned long long)total_rx,
           (unsigned long long)total_tx);
}

int main(void) {
    pthread_t lcores[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&lcores[i], NULL, l2fwd_main_loop, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(lcores[i], NULL);
    print_stats();
    return 0;
}
