/* strmap.c — see strmap.h. */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/strmap.h"

/* FNV-1a: short ids hash well enough, and it needs no seed. */
static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

bool fb__strmap_init(fb__strmap *m, size_t capacity) {
    FB_ASSERT(capacity > 0 && capacity < (1u << 30));
    size_t slots = 16;
    while (slots < capacity * 2)
        slots *= 2;
    memset(m, 0, sizeof *m);
    m->keys = calloc(slots, sizeof *m->keys);
    m->values = calloc(slots, sizeof *m->values);
    m->hashes = calloc(slots, sizeof *m->hashes);
    if (!m->keys || !m->values || !m->hashes) {
        fb__strmap_free(m);
        return false;
    }
    m->mask = (uint32_t)(slots - 1);
    m->capacity = capacity;
    return true;
}

void fb__strmap_free(fb__strmap *m) {
    free(m->keys);
    free(m->values);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

void fb__strmap_clear(fb__strmap *m) {
    if (m->count) memset(m->keys, 0, ((size_t)m->mask + 1) * sizeof *m->keys);
    m->count = 0;
}

/* A slot's hash is compared before its key, so that a probe past other keys (and a miss, the
 * common case of a new transfer's id) reads no key: the keys live in records spread over the
 * ledger's arrays, a cache miss each. */
int32_t fb__strmap_get(const fb__strmap *m, const char *key) {
    uint32_t h = hash(key);
    for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
        if (m->keys[i] == NULL) return -1;
        if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0) return m->values[i];
    }
}

void fb__strmap_put(fb__strmap *m, const char *key, int32_t value) {
    FB_ASSERT(m->count < m->capacity);
    FB_ASSERT(value >= 0);
    uint32_t h = hash(key);
    uint32_t i = h & m->mask;
    while (m->keys[i] != NULL) {
        FB_ASSERT(m->hashes[i] != h || strcmp(m->keys[i], key) != 0);
        i = (i + 1) & m->mask;
    }
    m->keys[i] = key;
    m->values[i] = value;
    m->hashes[i] = h;
    m->count++;
}
