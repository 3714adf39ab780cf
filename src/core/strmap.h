/* strmap.h — a fixed-capacity hash map from string ids to int32 indices.
 *
 * Keys are not copied: each points into a record the caller keeps alive and unmoved for as long
 * as the map holds it (the ledger's batch arrays, which are never reallocated). Open addressing
 * with linear probing; the table has twice the capacity's slots, so probes stay short. */
#ifndef FB_CORE_STRMAP_H
#define FB_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char **keys; /* NULL = empty slot */
    int32_t *values;
    uint32_t *hashes; /* each key's hash, beside it */
    uint32_t mask;    /* slots - 1; slots is a power of two */
    size_t count;
    size_t capacity; /* most keys it may hold */
} fb__strmap;

/* Allocates a map for up to capacity keys. Returns false when out of memory. */
bool fb__strmap_init(fb__strmap *m, size_t capacity);
void fb__strmap_free(fb__strmap *m);
/* Forgets every key in O(slots). */
void fb__strmap_clear(fb__strmap *m);
/* Returns the value for key, or -1. */
int32_t fb__strmap_get(const fb__strmap *m, const char *key);
/* Inserts a key not yet present. The caller keeps count < capacity (asserted). */
void fb__strmap_put(fb__strmap *m, const char *key, int32_t value);

#endif
