// check: layout-aos-to-soa
// expect: quiet
// source: memcached assoc.c assoc_find (walks primary_hashtable[hv & hashmask(hashpower)] through it->h_next) with the item header of memcached.h
// why: the hot loop reads only h_next and nkey of each item, but it follows a hash chain of separately allocated items; there is no array of items to split into columns
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned int rel_time_t;

typedef struct _stritem {
    struct _stritem *next;
    struct _stritem *prev;
    struct _stritem *h_next;
    rel_time_t time;
    rel_time_t exptime;
    int nbytes;
    unsigned short refcount;
    uint16_t it_flags;
    uint8_t slabs_clsid;
    uint8_t nkey;
    char data[];
} item;

#define hashsize(n) ((uint32_t)1 << (n))
#define hashmask(n) (hashsize(n) - 1)
#define ITEM_key(item) ((item)->data)

static unsigned int hashpower = 16;
static item **primary_hashtable;

static uint32_t hash(const char *key, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

item *assoc_find(const char *key, const size_t nkey, const uint32_t hv) {
    for (item *it = primary_hashtable[hv & hashmask(hashpower)]; it; it = it->h_next)
        if (nkey == it->nkey && memcmp(key, ITEM_key(it), nkey) == 0)
            return it;
    return NULL;
}

static void assoc_insert(item *it, const uint32_t hv) {
    it->h_next = primary_hashtable[hv & hashmask(hashpower)];
    primary_hashtable[hv & hashmask(hashpower)] = it;
}

int main(void) {
    char key[32];
    primary_hashtable = calloc(hashsize(hashpower), sizeof(item *));
    for (int i = 0; i < 1000000; i++) {
        size_t nkey = (size_t)snprintf(key, sizeof key, "key:%d", i);
        item *it = calloc(1, sizeof(item) + nkey + 1);
        it->nkey = (uint8_t)nkey;
        memcpy(ITEM_key(it), key, nkey);
        assoc_insert(it, hash(key, nkey));
    }
    long hits = 0;
    for (int i = 0; i < 10000000; i++) {
        size_t nkey = (size_t)snprintf(key, sizeof key, "key:%d", (i * 7) % 1500000);
        hits += assoc_find(key, nkey, hash(key, nkey)) != NULL;
    }
    return hits == 0;
}
