// check: layout-aos-to-soa
// expect: report
// record: body
// source: SPLASH-2 barnes code.c/load.c setbound + maketree (root cell bounds from every body's position each step), Lonestar BarnesHut BoundingBox kernel
// why: every step scans all bodies for the bounding box reading only pos[3] (24 of 104 bytes); as a struct of arrays the scan would read a quarter of the lines
#include <float.h>
#include <stdlib.h>

#define NDIM 3

struct body {
    double pos[NDIM];
    double vel[NDIM];
    double acc[NDIM];
    double mass;
    double phi;
    long cost;
};

struct body *bodytab;
long nbody = 1 << 18;
double rmin[NDIM], rsize;

static void setbound(void) {
    double xmin[NDIM], xmax[NDIM];
    for (int k = 0; k < NDIM; k++) {
        xmin[k] = DBL_MAX;
        xmax[k] = -DBL_MAX;
    }
    for (long i = 0; i < nbody; i++)
        for (int k = 0; k < NDIM; k++) {
            if (bodytab[i].pos[k] < xmin[k])
                xmin[k] = bodytab[i].pos[k];
            if (bodytab[i].pos[k] > xmax[k])
                xmax[k] = bodytab[i].pos[k];
        }
    rsize = 0;
    for (int k = 0; k < NDIM; k++) {
        if (xmax[k] - xmin[k] > rsize)
            rsize = xmax[k] - xmin[k];
        rmin[k] = xmin[k];
    }
}

static void stepsystem(double dt) {
    setbound();
    for (long i = 0; i < nbody; i++)
        for (int k = 0; k < NDIM; k++) {
            bodytab[i].vel[k] += bodytab[i].acc[k] * dt;
            bodytab[i].pos[k] += bodytab[i].vel[k] * dt;
        }
}

int main(void) {
    bodytab = calloc((size_t)nbody, sizeof(struct body));
    for (long i = 0; i < nbody; i++) {
        bodytab[i].mass = 1.0 / (double)nbody;
        for (int k = 0; k < NDIM; k++)
            bodytab[i].pos[k] = (double)((i * (k + 7)) % 1000) / 1000.0;
    }
    for (int step = 0; step < 100; step++)
        stepsystem(0.025);
    free(bodytab);
    return rsize > 0 ? 0 : 1;
}
