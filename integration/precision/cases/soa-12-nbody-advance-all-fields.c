// check: layout-aos-to-soa
// expect: quiet
// source: The Computer Language Benchmarks Game nbody.c advance() (struct planet { x, y, z, vx, vy, vz, mass })
// why: both loops of advance() use every field or nearly every field of each 56-byte planet (positions, velocities, mass); a struct of arrays would read the same bytes
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

struct planet {
    double x, y, z;
    double vx, vy, vz;
    double mass;
};

static void advance(int nbodies, struct planet *bodies, double dt) {
    for (int i = 0; i < nbodies; i++) {
        for (int j = i + 1; j < nbodies; j++) {
            double dx = bodies[i].x - bodies[j].x;
            double dy = bodies[i].y - bodies[j].y;
            double dz = bodies[i].z - bodies[j].z;
            double distance = sqrt(dx * dx + dy * dy + dz * dz);
            double mag = dt / (distance * distance * distance);
            bodies[i].vx -= dx * bodies[j].mass * mag;
            bodies[i].vy -= dy * bodies[j].mass * mag;
            bodies[i].vz -= dz * bodies[j].mass * mag;
            bodies[j].vx += dx * bodies[i].mass * mag;
            bodies[j].vy += dy * bodies[i].mass * mag;
            bodies[j].vz += dz * bodies[i].mass * mag;
        }
    }
    for (int i = 0; i < nbodies; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

static double energy(int nbodies, const struct planet *bodies) {
    double e = 0.0;
    for (int i = 0; i < nbodies; i++) {
        e += 0.5 * bodies[i].mass * (bodies[i].vx * bodies[i].vx + bodies[i].vy * bodies[i].vy + bodies[i].vz * bodies[i].vz);
        for (int j = i + 1; j < nbodies; j++) {
            double dx = bodies[i].x - bodies[j].x, dy = bodies[i].y - bodies[j].y, dz = bodies[i].z - bodies[j].z;
            e -= bodies[i].mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 50000000;
    int nbodies = 1000;
    struct planet *bodies = calloc((size_t)nbodies, sizeof *bodies);
    for (int i = 0; i < nbodies; i++) {
        bodies[i].x = i * 0.01;
        bodies[i].y = (i % 7) * 0.3;
        bodies[i].z = (i % 3) * 0.2;
        bodies[i].mass = 1e-3 * (1 + i % 5);
    }
    printf("%.9f\n", energy(nbodies, bodies));
    for (int i = 1; i <= n / 10000; i++)
        advance(nbodies, bodies, 0.01);
    printf("%.9f\n", energy(nbodies, bodies));
    free(bodies);
    return 0;
}
