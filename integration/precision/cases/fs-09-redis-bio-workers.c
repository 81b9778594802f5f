// check: layout-false-sharing
// expect: report
// record: bio_worker
// source: redis src/bio.c bioInit + bioSubmitJob + bioProcessBackgroundJobs (bio_mutex[]/bio_newjob_cond[]/bio_jobs[] per worker, indexed by the worker number passed as the thread argument)
// why: each bio thread locks and updates bio_workers[worker] for every job; the 112-byte elements straddle lines, so the close-file and AOF-fsync workers contend on the shared line
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BIO_WORKER_NUM 3

struct bio_job {
    struct bio_job *next;
    int fd;
};

struct bio_worker {
    pthread_mutex_t mutex;
    pthread_cond_t newjob_cond;
    struct bio_job *jobs;
    unsigned long pending;
    unsigned long processed;
};

static struct bio_worker bio_workers[BIO_WORKER_NUM];

static void *bioProcessBackgroundJobs(void *arg) {
    unsigned long worker = (unsigned long)arg;
    pthread_mutex_lock(&bio_workers[worker].mutex);
    for (;;) {
        while (bio_workers[worker].jobs == NULL)
            pthread_cond_wait(&bio_workers[worker].newjob_cond, &bio_workers[worker].mutex);
        struct bio_job *job = bio_workers[worker].jobs;
        bio_workers[worker].jobs = job->next;
        pthread_mutex_unlock(&bio_workers[worker].mutex);
        if (job->fd >= 0)
            fsync(job->fd);
        free(job);
        pthread_mutex_lock(&bio_workers[worker].mutex);
        bio_workers[worker].pending--;
        bio_workers[worker].processed++;
    }
    return NULL;
}

void bioSubmitJob(unsigned long worker, int fd) {
    struct bio_job *job = malloc(sizeof(*job));
    job->fd = fd;
    pthread_mutex_lock(&bio_workers[worker].mutex);
    job->next = bio_workers[worker].jobs;
    bio_workers[worker].jobs = job;
    bio_workers[worker].pending++;
    pthread_cond_signal(&bio_workers[worker].newjob_cond);
    pthread_mutex_unlock(&bio_workers[worker].mutex);
}

void bioInit(void) {
    pthread_t thread;
    for (unsigned long j = 0; j < BIO_WORKER_NUM; j++) {
        pthread_mutex_init(&bio_workers[j].mutex, NULL);
        pthread_cond_init(&bio_workers[j].newjob_cond, NULL);
        if (pthread_create(&thread, NULL, bioProcessBackgroundJobs, (void *)j) != 0) {
            fprintf(stderr, "Fatal: Can't initialize Background Jobs.\n");
            exit(1);
        }
    }
}

int main(void) {
    bioInit();
    for (int i = 0; i < 100000; i++)
        bioSubmitJob((unsigned long)(i % BIO_WORKER_NUM), -1);
    sleep(1);
    return 0;
}
