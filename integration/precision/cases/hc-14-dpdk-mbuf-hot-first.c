// check: layout-hot-cold
// expect: quiet
// source: DPDK lib/mbuf/rte_mbuf_core.h struct rte_mbuf (cacheline0 / "second cache line - fields only used in slow path or on TX") + examples/l3fwd l3fwd_lpm_simple_forward loop over rx bursts
// why: millions of mbufs go through the RX loop, but the fields it touches (buf_addr, data_off, port, ol_flags, packet_type, pkt/data_len, hash) are already together in the first cache line; the cold TX/slow-path fields are already in the second
#include <stdint.h>
#include <stdlib.h>

#define RTE_CACHE_LINE_SIZE 64
#define RTE_PTYPE_L3_IPV4 0x00000010

struct rte_mempool;

struct rte_mbuf {
    void *buf_addr;
    uint64_t buf_iova;
    uint16_t data_off;
    uint16_t refcnt;
    uint16_t nb_segs;
    uint16_t port;
    uint64_t ol_flags;
    uint32_t packet_type;
    uint32_t pkt_len;
    uint16_t data_len;
    uint16_t vlan_tci;
    uint32_t rss;
    uint32_t fdir_hi;
    uint16_t vlan_tci_outer;
    uint16_t buf_len;
    struct rte_mempool *pool;
    _Alignas(RTE_CACHE_LINE_SIZE) struct rte_mbuf *next;
    uint64_t tx_offload;
    void *shinfo;
    uint16_t priv_size;
    uint16_t timesync;
    uint32_t dynfield1[9];
} __attribute__((aligned(RTE_CACHE_LINE_SIZE)));

static uint16_t lpm_lookup(uint32_t dst, uint16_t portid) { return (uint16_t)((dst >> 24) ^ portid) & 3; }

static void l3fwd_simple_forward(struct rte_mbuf **pkts, int nb_rx, uint16_t portid, uint64_t *tx_bytes) {
    for (int j = 0; j < nb_rx; j++) {
        struct rte_mbuf *m = pkts[j];
        if (!(m->packet_type & RTE_PTYPE_L3_IPV4) || (m->ol_flags & 1))
            continue;
        const uint8_t *ip = (const uint8_t *)m->buf_addr + m->data_off + 14;
        uint32_t dst = (uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 | (uint32_t)ip[18] << 8 | ip[19];
        m->port = lpm_lookup(dst ^ m->rss, portid);
        tx_bytes[m->port] += m->pkt_len;
    }
}

int main(void) {
    enum { NB_MBUF = 8192, BURST = 32 };
    struct rte_mbuf *pool = aligned_alloc(RTE_CACHE_LINE_SIZE, NB_MBUF * sizeof(struct rte_mbuf));
    static uint8_t data[NB_MBUF][256];
    struct rte_mbuf *burst[BURST];
    uint64_t tx_bytes[4] = {0};
    for (int i = 0; i < NB_MBUF; i++) {
        pool[i] = (struct rte_mbuf){.buf_addr = data[i], .data_off = 0, .packet_type = RTE_PTYPE_L3_IPV4,
                                    .pkt_len = 128, .data_len = 128, .rss = (uint32_t)i};
    }
    for (int iter = 0; iter < 1000000; iter++) {
        for (int j = 0; j < BURST; j++)
            burst[j] = &pool[(iter * BURST + j) % NB_MBUF];
        l3fwd_simple_forward(burst, BURST, (uint16_t)(iter & 1), tx_bytes);
    }
    free(pool);
    return tx_bytes[0] == 0;
}
