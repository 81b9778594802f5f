// check: layout-aos-to-soa
// expect: quiet
// source: memcached slabs.c slabs_init (one pass over slabclass[] setting size and perslab at start-up) + do_slabs_alloc / do_slabs_free (one class per call)
// why: the only loop over slabclass[] that reads a small share of each element is slabs_init, run once from main; the per-request paths index one class directly
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_NUMBER_OF_SLAB_CLASSES 64
#define POWER_SMALLEST 1
#define CHUNK_ALIGN_BYTES 8

typedef struct {
    unsigned int size;
    unsigned int perslab;
    void *slots;
    unsigned int sl_curr;
    unsigned int slabs;
    void **slab_list;
    unsigned int list_size;
    size_t requested;
} slabclass_t;

static slabclass_t slabclass[MAX_NUMBER_OF_SLAB_CLASSES];
static int power_largest;
static struct { unsigned int chunk_size; unsigned int slab_page_size; int verbose; } settings = {48, 1024 * 1024, 0};

static void slabs_init(const double factor) {
    int i = POWER_SMALLEST - 1;
    unsigned int size = 48 + settings.chunk_size;
    while (++i < MAX_NUMBER_OF_SLAB_CLASSES - 1) {
        if (size > settings.slab_page_size / 2)
            break;
        if (size % CHUNK_ALIGN_BYTES)
            size += CHUNK_ALIGN_BYTES - (size % CHUNK_ALIGN_BYTES);
        slabclass[i].size = size;
        slabclass[i].perslab = settings.slab_page_size / slabclass[i].size;
        size = (unsigned int)(size * factor);
        if (settings.verbose > 1)
            fprintf(stderr, "slab class %3d: chunk size %9u perslab %7u\n", i, slabclass[i].size, slabclass[i].perslab);
    }
    power_largest = i;
}

static void *do_slabs_alloc(unsigned int id, size_t requested) {
    slabclass_t *p = &slabclass[id];
    if (p->sl_curr == 0) {
        p->slabs++;
        p->sl_curr = p->perslab;
    }
    p->sl_curr--;
    p->requested += requested;
    return p->slots;
}

static void do_slabs_free(unsigned int id, size_t requested) {
    slabclass_t *p = &slabclass[id];
    p->sl_curr++;
    p->requested -= requested;
}

int main(void) {
    slabs_init(1.25);
    for (long n = 0; n < 100000000; n++) {
        unsigned int id = (unsigned int)(n % (power_largest - 1)) + POWER_SMALLEST;
        do_slabs_alloc(id, 100);
        if (n & 1)
            do_slabs_free(id, 100);
    }
    printf("%zu\n", slabclass[1].requested);
    return 0;
}
