// check: layout-aos-to-soa
// expect: quiet
// source: stb_truetype.h stbtt__edge + stbtt__rasterize (scales and flips every edge) and stbtt__sort_edges_ins_sort
// why: the rasterizer loops over every edge reading a few fields, but an stbtt__edge is 20 bytes; three elements already share each line, so columns would gain little
#include <stdlib.h>

typedef struct {
    float x0, y0, x1, y1;
    int invert;
} stbtt__edge;

static void stbtt__sort_edges_ins_sort(stbtt__edge *p, int n) {
    for (int i = 1; i < n; ++i) {
        stbtt__edge t = p[i];
        int j = i;
        while (j > 0 && t.y0 < p[j - 1].y0) {
            p[j] = p[j - 1];
            --j;
        }
        if (i != j)
            p[j] = t;
    }
}

static float stbtt__rasterize(stbtt__edge *e, int n, float scale_y, float shift_y, int invert) {
    float y_scale_inv = invert ? -scale_y : scale_y;
    float min_y = 1e30f;
    for (int i = 0; i < n; ++i) {
        e[i].y0 = e[i].y0 * y_scale_inv + shift_y;
        e[i].y1 = e[i].y1 * y_scale_inv + shift_y;
        if (e[i].y0 > e[i].y1) {
            float t = e[i].y0;
            e[i].y0 = e[i].y1;
            e[i].y1 = t;
            e[i].invert = 1;
        }
        if (e[i].y0 < min_y)
            min_y = e[i].y0;
    }
    stbtt__sort_edges_ins_sort(e, n);
    return min_y;
}

int main(void) {
    enum { NEDGES = 512 };
    stbtt__edge *edges = malloc(NEDGES * sizeof(stbtt__edge));
    float acc = 0;
    for (int glyph = 0; glyph < 20000; glyph++) {
        for (int i = 0; i < NEDGES; i++)
            edges[i] = (stbtt__edge){(float)(i % 64), (float)((i * 37 + glyph) % 97), (float)(i % 64 + 1), (float)((i * 11) % 89), 0};
        acc += stbtt__rasterize(edges, NEDGES, 0.05f, 3.0f, glyph & 1);
    }
    free(edges);
    return acc < 0;
}
