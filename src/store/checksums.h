/* checksums.h — the values that chain the audit log (users.c) and the ledger's rows (chain.c),
 * shared by both backends: each computes them from the same fields in the same order, so that a
 * book's chains are the same whatever database holds it. */
#ifndef FB_STORE_CHECKSUMS_H
#define FB_STORE_CHECKSUMS_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

/* A keyed audit entry's value: HMAC-SHA256 under the audit key over the previous value, its
 * sequence number, time, status and six texts (channel, actor, operation, request id, result,
 * outcome). */
void fb__audit_entry_mac(const uint8_t key[32], const uint8_t prev[32], int64_t seq, int64_t at,
                         int status, const char *const text[6], uint8_t out[32]);
/* The keying record's MAC: where the key starts and its identity. */
void fb__audit_keying_mac(const uint8_t key[32], int64_t keyed_from, const uint8_t id[16],
                          uint8_t out[32]);

/* The ledger chain's records: their tags, one record fed, and a batch's seal. */
enum { FB__CHAIN_ACCOUNT = 'A', FB__CHAIN_TRANSFER = 'T', FB__CHAIN_BALANCE = 'B' };
void fb__chain_record(crypto_generichash_state *h, int tag, const int64_t *ints, size_t n_ints,
                      const char *const *texts, size_t n_texts);
void fb__chain_seal_value(crypto_generichash_state *h, const unsigned char *prev, int64_t last_ts,
                          int64_t rows, unsigned char *out);

#endif
