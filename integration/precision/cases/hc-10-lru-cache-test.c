// check: layout-hot-cold
// expect: quiet
// source: the unit-test layout of redis src/dict.c / src/listpack.c (#ifdef REDIS_TEST ... int dictTest(...)), here a direct-mapped LRU cache whose only loops are in its test_ functions
// why: the fields look hot only because test_cache_fill_and_verify loops over them; the library itself touches one entry per call with no loop, so production code never walks these entries
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cache_entry {
    uint64_t hash;
    struct cache_entry *lru_prev;
    char key[64];
    char owner[32];
    uint32_t flags;
    uint32_t refcount;
    int64_t created_ms;
    int64_t last_access_ms;
    struct cache_entry *lru_next;
    void *value;
};

struct cache {
    struct cache_entry **slots;
    size_t nslots;
    struct cache_entry *lru_head;
};

static uint64_t cache_hash(const char *key) {
    uint64_t h = 1469598103934665603ull;
    while (*key)
        h = (h ^ (unsigned char)*key++) * 1099511628211ull;
    return h;
}

struct cache_entry *cache_put(struct cache *c, const char *key, void *value, int64_t now) {
    uint64_t h = cache_hash(key);
    struct cache_entry *e = calloc(1, sizeof *e);
    e->hash = h;
    snprintf(e->key, sizeof e->key, "%s", key);
    e->value = value;
    e->created_ms = e->last_access_ms = now;
    e->lru_next = c->lru_head;
    if (c->lru_head)
        c->lru_head->lru_prev = e;
    c->lru_head = e;
    c->slots[h % c->nslots] = e;
    return e;
}

void *cache_get(struct cache *c, const char *key, int64_t now) {
    uint64_t h = cache_hash(key);
    struct cache_entry *e = c->slots[h % c->nslots];
    if (!e || e->hash != h || strcmp(e->key, key) != 0)
        return NULL;
    e->last_access_ms = now;
    return e->value;
}

static void test_cache_fill_and_verify(void) {
    struct cache c = {calloc(1 << 20, sizeof(struct cache_entry *)), 1 << 20, NULL};
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "key:%d", i);
        cache_put(&c, key, (void *)(intptr_t)(i + 1), i);
    }
    int seen = 0;
    for (struct cache_entry *e = c.lru_head; e; e = e->lru_next) {
        assert(e->hash == cache_hash(e->key));
        assert(e->last_access_ms >= e->created_ms);
        if (e->lru_next)
            assert(e->lru_next->lru_prev == e);
        seen++;
    }
    assert(seen == 100000);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "test") == 0) {
        test_cache_fill_and_verify();
        printf("[ok] cache\n");
    }
    return 0;
}
