// check: layout-hot-cold
// expect: quiet
// source: zlib inflate.h struct inflate_state + inflate.c inflate (the LEN/LENEXT/DIST/MATCH loop over state->mode, state->length, state->back ...)
// why: the per-symbol fields (mode, bit buffer, code tables, back/was after the 6 KB of codes[]) are spread, but there is one inflate_state per stream, allocated once by inflateInit and used alone; its hot lines stay in L1
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned char op, bits; unsigned short val; } code;
typedef enum { HEAD, TYPE, LEN, LENEXT, DIST, MATCH, LIT, DONE } inflate_mode;

struct inflate_state {
    void *strm;
    inflate_mode mode;
    int last;
    int wrap;
    int havedict;
    int flags;
    unsigned dmax;
    unsigned long check;
    unsigned long total;
    void *head;
    unsigned wbits, wsize, whave, wnext;
    unsigned char *window;
    unsigned long hold;
    unsigned bits;
    unsigned length;
    unsigned offset;
    unsigned extra;
    const code *lencode;
    const code *distcode;
    unsigned lenbits, distbits;
    unsigned ncode, nlen, ndist, have;
    code *next;
    unsigned short lens[320];
    unsigned short work[288];
    code codes[1444];
    int sane;
    int back;
    unsigned was;
};

static size_t inflate(struct inflate_state *state, const unsigned char *in, size_t len, unsigned char *out) {
    size_t have = 0, put = 0;
    for (;;) {
        switch (state->mode) {
        case LEN:
            if (have == len) return put;
            state->hold |= (unsigned long)in[have++] << state->bits;
            state->bits += 8;
            state->back = 0;
            state->length = state->lencode[state->hold & ((1u << state->lenbits) - 1)].val;
            state->hold >>= state->lenbits;
            state->bits -= state->lenbits;
            state->mode = state->length < 256 ? LIT : DIST;
            break;
        case LIT:
            out[put++] = (unsigned char)state->length;
            state->window[state->wnext++ & (state->wsize - 1)] = (unsigned char)state->length;
            state->mode = LEN;
            break;
        case DIST:
            state->offset = state->distcode[state->hold & ((1u << state->distbits) - 1)].val;
            state->was = state->length;
            state->back += 1;
            state->mode = LEN;
            break;
        default:
            return put;
        }
    }
}

int main(void) {
    struct inflate_state *state = calloc(1, sizeof *state);
    static unsigned char in[1 << 16], out[1 << 17], window[1 << 15];
    memset(in, 0x5a, sizeof in);
    for (int i = 0; i < 1444; i++)
        state->codes[i].val = (unsigned short)(i % 300);
    state->lencode = state->distcode = state->codes;
    state->lenbits = 9;
    state->distbits = 5;
    state->window = window;
    state->wsize = sizeof window;
    state->mode = LEN;
    size_t total = 0;
    for (int rep = 0; rep < 1000; rep++)
        total += inflate(state, in, sizeof in, out);
    free(state);
    return total == 0;
}
