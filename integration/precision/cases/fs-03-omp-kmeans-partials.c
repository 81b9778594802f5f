// check: layout-false-sharing
// expect: report
// record: kmeans_partial
// source: Rodinia kmeans openmp kmeans_clustering.c kmeans_clustering (per-thread partial_new_centers_len / delta indexed by omp_get_thread_num)
// why: inside the parallel region every thread increments partials[omp_get_thread_num()] once per point; 16-byte slots put four threads on one line
// flags: -std=c11 -fopenmp
#include <float.h>
#include <stdlib.h>

int omp_get_thread_num(void);
int omp_get_max_threads(void);

#define MAX_THREADS 64

struct kmeans_partial {
    long delta;
    long points;
};

static struct kmeans_partial partials[MAX_THREADS];

static int find_nearest_point(const float *pt, int nfeatures, float **clusters, int nclusters) {
    int index = 0;
    float min_dist = FLT_MAX;
    for (int i = 0; i < nclusters; i++) {
        float dist = 0;
        for (int j = 0; j < nfeatures; j++)
            dist += (pt[j] - clusters[i][j]) * (pt[j] - clusters[i][j]);
        if (dist < min_dist) {
            min_dist = dist;
            index = i;
        }
    }
    return index;
}

long kmeans_assign(float **feature, int nfeatures, int npoints, float **clusters,
                   int nclusters, int *membership) {
    long delta = 0;
#pragma omp parallel for
    for (int i = 0; i < npoints; i++) {
        int tid = omp_get_thread_num();
        int index = find_nearest_point(feature[i], nfeatures, clusters, nclusters);
        if (membership[i] != index)
            partials[tid].delta++;
        membership[i] = index;
        partials[tid].points++;
    }
    for (int t = 0; t < omp_get_max_threads() && t < MAX_THREADS; t++) {
        delta += partials[t].delta;
        partials[t].delta = 0;
    }
    return delta;
}
