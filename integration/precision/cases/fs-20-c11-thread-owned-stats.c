// check: layout-false-sharing
// expect: quiet
// source: ripgrep crates/core/main.rs search_parallel (each worker counts into its own Stats and adds them into the shared Mutex<Stats> when done), ported to C11 threads
// why: each worker allocates the job_stats it counts into inside the thread and only publishes it once under a lock at the end; no slot array is shared between threads
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

struct job_stats {
    uint64_t matched_lines;
    uint64_t searched_files;
    uint64_t bytes_searched;
    struct job_stats *next;
};

struct job_arg {
    int first;
    int count;
};

static mtx_t results_lock;
static struct job_stats *results_head;

static int search_file(int n, uint64_t *bytes) {
    *bytes += (uint64_t)(n & 4095);
    return (int)((n * 2654435761u) % 7);
}

static int worker(void *p) {
    const struct job_arg *arg = p;
    struct job_stats *st = calloc(1, sizeof *st);
    if (!st)
        return 1;
    for (int i = arg->first; i < arg->first + arg->count; i++) {
        st->matched_lines += (uint64_t)search_file(i, &st->bytes_searched);
        st->searched_files++;
    }
    mtx_lock(&results_lock);
    st->next = results_head;
    results_head = st;
    mtx_unlock(&results_lock);
    return 0;
}

int main(void) {
    enum { NTHREADS = 8 };
    thrd_t threads[NTHREADS];
    struct job_arg args[NTHREADS];
    mtx_init(&results_lock, mtx_plain);
    for (int t = 0; t < NTHREADS; t++) {
        args[t].first = t * 100000;
        args[t].count = 100000;
        thrd_create(&threads[t], worker, &args[t]);
    }
    for (int t = 0; t < NTHREADS; t++)
        thrd_join(threads[t], NULL);
    uint64_t matched = 0;
    while (results_head) {
        struct job_stats *st = results_head;
        results_head = st->next;
        matched += st->matched_lines;
        free(st);
    }
    printf("%llu matched lines\n", (unsigned long long)matched);
    return 0;
}
