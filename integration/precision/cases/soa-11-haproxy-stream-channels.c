// check: layout-aos-to-soa
// expect: quiet
// source: HAProxy include/haproxy/stream-t.h struct stream { struct channel req, res; } and the per-direction loops over the two channels in src/stream.c process_stream (here as chn[2])
// why: the loop over a stream's channels always has exactly two elements (request and response); reading one flags word of each 72-byte channel is no scan to turn into columns
#include <stdint.h>
#include <stdlib.h>

#define CF_READ_EVENT 0x00000001
#define CF_WRITE_EVENT 0x00000002
#define CF_SHUTR 0x00000010

struct channel {
    unsigned int flags;
    unsigned int analysers;
    void *buf_area;
    size_t buf_size;
    size_t buf_data;
    size_t output;
    unsigned int to_forward;
    unsigned short last_read;
    unsigned char xfer_large;
    unsigned char xfer_small;
    unsigned long long total;
    int rto, wto;
    int analyse_exp;
};

struct stream {
    unsigned int flags;
    unsigned int uniq_id;
    struct channel chn[2];
    void *sess;
    int conn_retries;
};

static int process_stream(struct stream *s) {
    int events = 0;
    for (int i = 0; i < 2; i++) {
        if (s->chn[i].flags & (CF_READ_EVENT | CF_WRITE_EVENT))
            events++;
        s->chn[i].flags &= ~(unsigned)(CF_READ_EVENT | CF_WRITE_EVENT);
    }
    if (s->chn[0].flags & CF_SHUTR)
        s->flags |= 1;
    return events;
}

int main(void) {
    enum { NSTREAMS = 20000 };
    struct stream *streams = calloc(NSTREAMS, sizeof(struct stream));
    long events = 0;
    for (long n = 0; n < 50000000; n++) {
        struct stream *s = &streams[(n * 2654435761u) % NSTREAMS];
        s->chn[n & 1].flags |= CF_READ_EVENT;
        events += process_stream(s);
    }
    free(streams);
    return events == 0;
}
