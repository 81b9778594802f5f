// check: layout-false-sharing
// expect: report
// record: spsc_ring
// source: folly ProducerConsumerQueue.h write/read (readIndex_/writeIndex_), here in C11 as in many ports that drop the hardware_destructive_interference_size padding
// why: the producer thread stores tail and the consumer thread stores head on every element; both atomics sit in the first 64 bytes, so the line ping-pongs between the two cores
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct spsc_ring {
    _Atomic size_t head;
    _Atomic size_t tail;
    size_t mask;
    void **slots;
};

static bool spsc_push(struct spsc_ring *r, void *v) {
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t next = (tail + 1) & r->mask;
    if (next == atomic_load_explicit(&r->head, memory_order_acquire))
        return false;
    r->slots[tail] = v;
    atomic_store_explicit(&r->tail, next, memory_order_release);
    return true;
}

static bool spsc_pop(struct spsc_ring *r, void **out) {
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    if (head == atomic_load_explicit(&r->tail, memory_order_acquire))
        return false;
    *out = r->slots[head];
    atomic_store_explicit(&r->head, (head + 1) & r->mask, memory_order_release);
    return true;
}

static void *producer(void *arg) {
    struct spsc_ring *r = arg;
    for (size_t i = 1; i <= 10000000; i++)
        while (!spsc_push(r, (void *)i))
            ;
    return NULL;
}

static void *consumer(void *arg) {
    struct spsc_ring *r = arg;
    size_t sum = 0;
    void *v;
    for (size_t n = 0; n < 10000000; n++) {
        while (!spsc_pop(r, &v))
            ;
        sum += (size_t)v;
    }
    printf("%zu\n", sum);
    return NULL;
}

int main(void) {
    struct spsc_ring ring = {.mask = 1023};
    ring.slots = calloc(1024, sizeof(void *));
    pthread_t p, c;
    pthread_create(&c, NULL, consumer, &ring);
    pthread_create(&p, NULL, producer, &ring);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    free(ring.slots);
    return 0;
}
