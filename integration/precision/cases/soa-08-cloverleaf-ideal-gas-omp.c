// check: layout-aos-to-soa
// expect: report
// record: cell
// source: CloverLeaf ideal_gas_kernel.f90 / ideal_gas_kernel_c.c (pressure and sound speed from density and energy on every cell, OpenMP parallel), written over an AoS cell record
// why: the equation-of-state pass runs twice per step over every cell and uses density, energy, pressure and soundspeed, 32 of 160 bytes; CloverLeaf's own field arrays are the SoA form of exactly this
// flags: -std=c11 -fopenmp
#include <math.h>
#include <stdlib.h>

struct cell {
    double density0, density1;
    double energy0, energy1;
    double pressure;
    double viscosity;
    double soundspeed;
    double volume;
    double xarea, yarea;
    double vol_flux_x, vol_flux_y;
    double mass_flux_x, mass_flux_y;
    double work_array1, work_array2;
    double cellx, celly;
    double celldx, celldy;
};

static void ideal_gas_kernel(struct cell *cells, long ncells) {
#pragma omp parallel for
    for (long i = 0; i < ncells; i++) {
        struct cell *c = &cells[i];
        double v = 1.0 / c->density0;
        c->pressure = (1.4 - 1.0) * c->density0 * c->energy0;
        double pressurebyenergy = (1.4 - 1.0) * c->density0;
        double pressurebyvolume = -c->density0 * c->pressure;
        double sound_speed_squared = v * v * (c->pressure * pressurebyenergy - pressurebyvolume);
        c->soundspeed = sqrt(sound_speed_squared);
    }
}

int main(void) {
    long nx = 3840, ny = 3840;
    struct cell *cells = calloc((size_t)(nx * ny), sizeof(struct cell));
    for (long i = 0; i < nx * ny; i++) {
        cells[i].density0 = (i % nx) < nx / 2 ? 1.0 : 0.2;
        cells[i].energy0 = (i % nx) < nx / 2 ? 2.5 : 1.0;
    }
    for (int step = 0; step < 87; step++) {
        ideal_gas_kernel(cells, nx * ny);
        ideal_gas_kernel(cells, nx * ny);
    }
    free(cells);
    return 0;
}
