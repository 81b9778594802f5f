// check: layout-hot-cold
// expect: quiet
// source: Suricata src/flow.h Flow + src/flow-hash.c FlowGetFlowFromHash (per-packet bucket walk) and the end-of-flow output that loops `for (dir = 0; dir < 2; dir++)` over the two directions' counters
// why: the per-packet fields (addresses, ports, packet/byte counters, hash link) already sit together at the front; the per-direction min/max fields at the end are touched only by a two-iteration loop when a flow ends, which makes them look hot but they are rarely used
#include <stdint.h>
#include <stdlib.h>

struct flow {
    uint32_t src, dst;
    uint16_t sp, dp;
    uint8_t proto;
    uint8_t flags;
    struct flow *hnext;
    uint32_t todstpktcnt, tosrcpktcnt;
    uint64_t todstbytecnt, tosrcbytecnt;
    uint64_t lastts;
    uint16_t alproto_ts, alproto_tc;
    void *protoctx;
    void *alstate;
    void *alparser;
    char alproto_name[32];
    void *de_state;
    void *sgh_toserver, *sgh_toclient;
    uint64_t startts;
    uint64_t dir_first_ts[2];
    uint32_t dir_max_pktlen[2];
    uint16_t dir_min_ttl[2], dir_max_ttl[2];
};

#define FLOW_BUCKETS 65536
static struct flow *flow_hash[FLOW_BUCKETS];
static uint64_t end_stats[2][4];

static struct flow *FlowGetFlowFromHash(uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp, uint8_t proto) {
    uint32_t h = (src ^ dst ^ ((uint32_t)sp << 16 | dp) ^ proto) * 2654435761u % FLOW_BUCKETS;
    for (struct flow *f = flow_hash[h]; f; f = f->hnext)
        if (f->src == src && f->dst == dst && f->sp == sp && f->dp == dp && f->proto == proto)
            return f;
    struct flow *f = calloc(1, sizeof *f);
    f->src = src, f->dst = dst, f->sp = sp, f->dp = dp, f->proto = proto;
    f->hnext = flow_hash[h];
    flow_hash[h] = f;
    return f;
}

static void FlowHandlePacket(struct flow *f, int toserver, uint32_t len, uint64_t ts) {
    if (toserver) {
        f->todstpktcnt++;
        f->todstbytecnt += len;
    } else {
        f->tosrcpktcnt++;
        f->tosrcbytecnt += len;
    }
    f->lastts = ts;
}

static void FlowEndAccounting(struct flow *f) {
    for (int dir = 0; dir < 2; dir++) {
        end_stats[dir][0] += f->dir_first_ts[dir];
        end_stats[dir][1] += f->dir_max_pktlen[dir];
        end_stats[dir][2] += f->dir_min_ttl[dir];
        end_stats[dir][3] += f->dir_max_ttl[dir];
    }
}

int main(void) {
    uint64_t seed = 88172645463325252ull;
    for (uint64_t ts = 0; ts < 50000000; ts++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        struct flow *f = FlowGetFlowFromHash((uint32_t)(seed & 0xffff), 0x0a000001, (uint16_t)(seed >> 16), 443, 6);
        FlowHandlePacket(f, (int)(seed >> 40) & 1, (uint32_t)(seed >> 48) & 1023, ts);
        if ((seed & 0xfffff) == 0)
            FlowEndAccounting(f);
    }
    return 0;
}
