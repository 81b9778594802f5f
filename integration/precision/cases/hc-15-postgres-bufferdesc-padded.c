// check: layout-hot-cold
// expect: quiet
// source: PostgreSQL src/include/storage/buf_internals.h BufferDesc / BufferDescPadded + src/backend/storage/buffer/freelist.c StrategyGetBuffer (clock sweep over NBuffers descriptors)
// why: the clock sweep visits every descriptor, but a BufferDesc is 52 bytes padded to 64 in a line-aligned array, so each descriptor is exactly one line whatever order its fields are in
#include <stdint.h>
#include <stdlib.h>

typedef uint32_t Oid;
typedef uint32_t BlockNumber;
typedef struct { volatile uint32_t value; } pg_atomic_uint32;
typedef struct { Oid spcNode, dbNode, relNode; } RelFileNode;
typedef struct { RelFileNode rnode; int forkNum; BlockNumber blockNum; } BufferTag;
typedef struct { uint16_t tranche; pg_atomic_uint32 state; int head, tail; } LWLock;

#define BUF_REFCOUNT_MASK 0x3FFFFu
#define BUF_USAGECOUNT_ONE (1u << 18)
#define BUF_USAGECOUNT_MASK 0x003C0000u

typedef struct BufferDesc {
    BufferTag tag;
    int buf_id;
    pg_atomic_uint32 state;
    int wait_backend_pgprocno;
    int freeNext;
    LWLock content_lock;
} BufferDesc;

typedef union BufferDescPadded {
    BufferDesc bufferdesc;
    char pad[64];
} BufferDescPadded;

static BufferDescPadded *BufferDescriptors;
static int NBuffers = 16384;
static uint32_t nextVictimBuffer;

static BufferDesc *StrategyGetBuffer(void) {
    for (int trycounter = NBuffers;;) {
        BufferDesc *buf = &BufferDescriptors[nextVictimBuffer++ % (uint32_t)NBuffers].bufferdesc;
        uint32_t state = __atomic_load_n(&buf->state.value, __ATOMIC_ACQUIRE);
        if ((state & BUF_REFCOUNT_MASK) == 0) {
            if (state & BUF_USAGECOUNT_MASK) {
                __atomic_fetch_sub(&buf->state.value, BUF_USAGECOUNT_ONE, __ATOMIC_ACQ_REL);
                trycounter = NBuffers;
            } else {
                return buf;
            }
        } else if (--trycounter == 0) {
            return NULL;
        }
    }
}

int main(void) {
    BufferDescriptors = aligned_alloc(64, (size_t)NBuffers * sizeof(BufferDescPadded));
    for (int i = 0; i < NBuffers; i++) {
        BufferDesc *buf = &BufferDescriptors[i].bufferdesc;
        buf->buf_id = i;
        buf->freeNext = i + 1;
        buf->state.value = (uint32_t)(i % 5) * BUF_USAGECOUNT_ONE;
    }
    long found = 0;
    for (int n = 0; n < 10000000; n++) {
        BufferDesc *victim = StrategyGetBuffer();
        if (victim) {
            victim->tag.blockNum = (BlockNumber)n;
            victim->state.value = 5 * BUF_USAGECOUNT_ONE;
            found += victim->buf_id >= 0;
        }
    }
    return found == 0;
}
