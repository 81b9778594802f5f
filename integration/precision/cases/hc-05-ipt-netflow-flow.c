// check: layout-hot-cold
// expect: report
// record: ipt_netflow
// source: ipt_NETFLOW ipt_NETFLOW.h struct ipt_netflow + ipt_NETFLOW.c netflow_target / ipt_netflow_find (per packet: walk the hash chain, then nr_packets, nr_bytes, nf_ts_last, tcp_flags), ported to user space
// why: every packet reads the chain link and key at the front and updates the counters, last timestamp and flags that come after the next-hop, MAC, AS and interface fields; hundreds of thousands of flows each cost two or three lines per packet where one would do
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct hlist_node { struct hlist_node *next, **pprev; };
struct list_head { struct list_head *next, *prev; };

struct ipt_netflow_tuple {
    uint32_t src, dst;
    uint16_t s_port, d_port;
    uint16_t i_ifc;
    uint8_t protocol;
    uint8_t tos;
};

struct ipt_netflow {
    struct hlist_node hlist;
    struct ipt_netflow_tuple tuple;
    uint32_t nh[4];
    unsigned char h_dst[6], h_src[6];
    uint16_t vlan, ethernetType;
    uint32_t s_as, d_as;
    uint8_t s_mask, d_mask;
    uint16_t o_ifc;
    uint8_t flowEndReason;
    uint32_t options, tcpoptions;
    int64_t nf_ts_first;
    uint32_t sampler_count;
    void *sockaddr_cache;
    char ifname_in[16], ifname_out[16];
    int64_t nf_ts_last;
    uint16_t tcp_flags;
    uint32_t nr_packets;
    uint64_t nr_bytes;
    struct list_head flows_list;
};

#define HASH_SIZE (1 << 18)
static struct ipt_netflow *htable[HASH_SIZE];
static struct list_head flows_lru = {&flows_lru, &flows_lru};

static void list_add_tail(struct list_head *e, struct list_head *head) {
    e->prev = head->prev, e->next = head;
    head->prev->next = e, head->prev = e;
}

static struct ipt_netflow *ipt_netflow_find(const struct ipt_netflow_tuple *tuple, uint32_t hash) {
    for (struct ipt_netflow *nf = htable[hash]; nf; nf = (struct ipt_netflow *)nf->hlist.next)
        if (memcmp(&nf->tuple, tuple, sizeof *tuple) == 0 && nf->nr_bytes < (1ull << 40))
            return nf;
    return NULL;
}

static void netflow_target(const struct ipt_netflow_tuple *tuple, uint32_t len, uint16_t tcp_flags, int64_t now) {
    uint32_t hash = (tuple->src * 2654435761u ^ tuple->dst ^ ((uint32_t)tuple->s_port << 16 | tuple->d_port)) % HASH_SIZE;
    struct ipt_netflow *nf = ipt_netflow_find(tuple, hash);
    if (!nf) {
        nf = calloc(1, sizeof *nf);
        nf->tuple = *tuple;
        nf->nf_ts_first = now;
        nf->hlist.next = (struct hlist_node *)htable[hash];
        htable[hash] = nf;
        list_add_tail(&nf->flows_list, &flows_lru);
    }
    nf->nr_packets++;
    nf->nr_bytes += len;
    nf->nf_ts_last = now;
    nf->tcp_flags |= tcp_flags;
}

int main(void) {
    struct ipt_netflow_tuple t = {0};
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (int64_t now = 0; now < 50000000; now++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        t.src = 0x0a000000u | (uint32_t)(seed % 300000);
        t.dst = 0xc0a80001u;
        t.s_port = (uint16_t)(1024 + (seed >> 32) % 4);
        t.d_port = 443;
        t.protocol = 6;
        netflow_target(&t, (uint32_t)(seed >> 48) & 1023, (uint16_t)(seed >> 56) & 0x3f, now);
    }
    return 0;
}
