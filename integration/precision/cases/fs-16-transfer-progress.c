// check: layout-false-sharing
// expect: quiet
// source: rsync/pv-style transfer progress as in curl lib/progress.c Curl_pgrsSetDownloadCounter + the progress meter, split into a copy thread that publishes counters and a UI thread that only loads them
// why: both atomics are stored by the one copy thread; the UI thread only reads them, so there are no two writers to separate
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct transfer_progress {
    atomic_ullong bytes_done;
    atomic_uint files_done;
    atomic_bool finished;
};

static const unsigned long long bytes_total = 64ull * 256 * 65536;

static size_t copy_chunk(FILE *out, const char *buf, size_t len) {
    return fwrite(buf, 1, len, out);
}

static void *copy_thread(void *arg) {
    struct transfer_progress *p = arg;
    char buf[65536];
    memset(buf, 'x', sizeof buf);
    FILE *out = fopen("/dev/null", "wb");
    for (unsigned file = 0; file < 64 && out; file++) {
        for (int chunk = 0; chunk < 256; chunk++) {
            size_t n = copy_chunk(out, buf, sizeof buf);
            atomic_fetch_add_explicit(&p->bytes_done, n, memory_order_relaxed);
        }
        atomic_fetch_add_explicit(&p->files_done, 1, memory_order_relaxed);
    }
    if (out)
        fclose(out);
    atomic_store(&p->finished, 1);
    return NULL;
}

static void progress_meter(const struct transfer_progress *p) {
    while (!atomic_load(&p->finished)) {
        unsigned long long done = atomic_load_explicit(&p->bytes_done, memory_order_relaxed);
        unsigned files = atomic_load_explicit(&p->files_done, memory_order_relaxed);
        fprintf(stderr, "\r%3llu%% %u files", done * 100 / bytes_total, files);
        usleep(200000);
    }
    fputc('\n', stderr);
}

int main(void) {
    static struct transfer_progress progress;
    pthread_t copier;
    pthread_create(&copier, NULL, copy_thread, &progress);
    progress_meter(&progress);
    pthread_join(copier, NULL);
    return 0;
}
