// check: layout-false-sharing
// expect: quiet
// source: redis src/server.c initServer + src/bio.c bioInit/bioProcessBackgroundJobs (server.aof_bio_fsync_status / aof_bio_fsync_errno set by the main thread at start-up, then only by the bio AOF-fsync thread)
// why: the main thread writes the status fields only before it spawns the bio thread; afterwards the bio thread is their only writer and the main thread only loads them
#define _DEFAULT_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct aof_fsync_state {
    atomic_int fsync_status;
    atomic_int fsync_errno;
    atomic_llong last_fsync_ms;
    int fd;
    long long fsync_interval_ms;
};

static struct aof_fsync_state aof;

static void *bioProcessBackgroundJobs(void *arg) {
    (void)arg;
    for (long long now = 0;; now += aof.fsync_interval_ms) {
        usleep((useconds_t)(aof.fsync_interval_ms * 1000));
        if (fsync(aof.fd) == -1) {
            atomic_store(&aof.fsync_errno, errno);
            atomic_store(&aof.fsync_status, -1);
        } else {
            atomic_store(&aof.fsync_status, 0);
        }
        atomic_store(&aof.last_fsync_ms, now);
    }
    return NULL;
}

static void initServer(int fd) {
    aof.fd = fd;
    aof.fsync_interval_ms = 1000;
    atomic_store(&aof.fsync_status, 0);
    atomic_store(&aof.fsync_errno, 0);
    atomic_store(&aof.last_fsync_ms, 0);
}

static void bioInit(void) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, bioProcessBackgroundJobs, NULL) != 0) {
        fprintf(stderr, "Fatal: Can't initialize Background Jobs.\n");
        exit(1);
    }
}

static int writeCommandsDeniedByDiskError(void) {
    return atomic_load(&aof.fsync_status) != 0 ? atomic_load(&aof.fsync_errno) : 0;
}

int main(void) {
    initServer(STDOUT_FILENO);
    bioInit();
    for (int i = 0; i < 100; i++) {
        if (writeCommandsDeniedByDiskError())
            fprintf(stderr, "MISCONF Errors writing to the AOF file\n");
        usleep(100000);
    }
    return 0;
}
