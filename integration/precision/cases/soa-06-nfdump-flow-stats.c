// check: layout-aos-to-soa
// expect: report
// record: master_record
// source: nfdump src/lib/nfx.h master_record_t + src/nfdump/nfstat.c / nfdump -I summary (sums packets and bytes over every decoded flow record of a block)
// why: the summary pass walks every flow of every block and reads only the packet, byte and first-seen counters, 24 of 128 bytes; the columns it reads would fit in under a fifth of the lines
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct master_record {
    uint16_t type;
    uint16_t size;
    uint16_t flags;
    uint16_t exporter_sysid;
    uint64_t first_ms;
    uint64_t last_ms;
    uint64_t dPkts;
    uint64_t dOctets;
    uint8_t fwd_status;
    uint8_t tcp_flags;
    uint8_t prot;
    uint8_t tos;
    uint16_t srcPort;
    uint16_t dstPort;
    uint64_t V6_src[2];
    uint64_t V6_dst[2];
    uint32_t input;
    uint32_t output;
    uint32_t srcas;
    uint32_t dstas;
    uint64_t out_pkts;
    uint64_t out_bytes;
    uint64_t aggr_flows;
    uint32_t src_mask;
    uint32_t dst_mask;
};

struct stat_summary {
    uint64_t numflows, numpackets, numbytes;
    uint64_t first_seen, last_seen;
};

static void SumStatRecords(const struct master_record *recs, size_t n, struct stat_summary *s) {
    for (size_t i = 0; i < n; i++) {
        s->numflows++;
        s->numpackets += recs[i].dPkts;
        s->numbytes += recs[i].dOctets;
        if (recs[i].first_ms < s->first_seen)
            s->first_seen = recs[i].first_ms;
    }
}

int main(void) {
    enum { BLOCK_RECORDS = 1 << 16 };
    struct master_record *block = malloc(BLOCK_RECORDS * sizeof *block);
    struct stat_summary summary = {0, 0, 0, UINT64_MAX, 0};
    for (int b = 0; b < 2000; b++) {
        for (size_t i = 0; i < BLOCK_RECORDS; i++) {
            block[i].first_ms = (uint64_t)b * 1000 + i % 1000;
            block[i].dPkts = 1 + i % 64;
            block[i].dOctets = 64 * (1 + i % 1500);
        }
        SumStatRecords(block, BLOCK_RECORDS, &summary);
    }
    printf("flows %llu packets %llu bytes %llu\n", (unsigned long long)summary.numflows,
           (unsigned long long)summary.numpackets, (unsigned long long)summary.numbytes);
    free(block);
    return 0;
}
