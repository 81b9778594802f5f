// check: layout-false-sharing
// expect: report
// record: pipeline_progress
// source: pigz pigz.c parallel_compress + compress_thread + write_thread (read side counts g.in_tot, write_thread counts g.out_tot), ported to C11 threads with atomics
// why: the reader (main), compress and write threads each store their own counter once per block, and all three counters share one line
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

#define NBLOCKS 200000

struct pipeline_progress {
    atomic_ullong in_tot;
    atomic_ullong compressed;
    atomic_ullong out_tot;
};

static struct pipeline_progress progress;

static size_t deflate_block(unsigned char *dst, const unsigned char *src, size_t len) {
    size_t out = 0;
    for (size_t i = 0; i < len; i++)
        if (i == 0 || src[i] != src[i - 1])
            dst[out++] = src[i];
    return out;
}

static int compress_thread(void *arg) {
    (void)arg;
    unsigned char in[4096], out[4096];
    memset(in, 'a', sizeof in);
    for (unsigned long long n = 0; n < NBLOCKS; n++) {
        while (atomic_load(&progress.in_tot) <= n * sizeof in)
            thrd_yield();
        size_t len = deflate_block(out, in, sizeof in);
        atomic_fetch_add(&progress.compressed, len);
    }
    return 0;
}

static int write_thread(void *arg) {
    FILE *sink = arg;
    unsigned long long written = 0;
    while (written < NBLOCKS) {
        unsigned long long done = atomic_load(&progress.compressed);
        if (done == 0) {
            thrd_yield();
            continue;
        }
        fputc('.', sink);
        atomic_fetch_add(&progress.out_tot, 1);
        written++;
    }
    return 0;
}

int main(void) {
    thrd_t compress, writer;
    thrd_create(&compress, compress_thread, NULL);
    thrd_create(&writer, write_thread, stderr);
    for (int n = 0; n < NBLOCKS; n++)
        atomic_fetch_add(&progress.in_tot, 4096);
    thrd_join(compress, NULL);
    thrd_join(writer, NULL);
    printf("%llu -> %llu\n", atomic_load(&progress.in_tot), atomic_load(&progress.out_tot));
    return 0;
}
