/* fuzz_decode.c — the JSON event decoders under libFuzzer (make fuzz), and the body that
 * tests/test_corpus.c replays over tests/corpus/decode in make test.
 *
 * Property: any input either decodes or is refused with a field and a reason; never a crash.
 * What decodes encodes back to JSON that decodes to the same event. What the one-pass fast path
 * takes, the full decoder decodes to the same record (byte for byte). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/ledger_json.h"

/* Returns 0, or 1 when a property failed (the caller aborts or counts). */
int fb_fuzz_decode_one(const uint8_t *data, size_t size);

static int check_account(const char *text, size_t len) {
    fb_account a, b;
    bool linked = false;
    fb_json_error err;
    if (fb_json_decode_account(text, len, &a, &linked, &err) != FB_OK) {
        return err.reason[0] ? 0 : 1; /* a refusal always says why */
    }
    json_t *j = fb_json_encode_account(&a);
    char *again = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!again) return 0;
    /* The encoding has the ledger's fields (balances, timestamp), which input refuses: drop
     * them to decode it back. */
    json_t *o = json_loads(again, 0, NULL);
    free(again);
    const char *ledger_fields[] = {"debits_pending", "debits_posted", "credits_pending",
                                   "credits_posted", "timestamp"};
    for (size_t i = 0; o && i < 5; i++)
        json_object_del(o, ledger_fields[i]);
    char *input = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    int bad = 0;
    if (input) {
        bad = fb_json_decode_account(input, strlen(input), &b, &linked, &err) != FB_OK ||
              strcmp(a.id, b.id) != 0 || a.ledger != b.ledger || a.code != b.code ||
              a.flags != b.flags || strcmp(a.user_data, b.user_data) != 0;
        free(input);
    }
    return bad;
}

static int check_transfer(const char *text, size_t len) {
    fb_transfer t;
    bool linked = false;
    fb_json_error err;
    if (fb_json_decode_transfer(text, len, &t, &linked, &err) != FB_OK) {
        return err.reason[0] ? 0 : 1;
    }
    return t.id[0] ? 0 : 1; /* a decoded transfer always has its id */
}

/* The fast path declines or agrees with the full decoder. */
static int check_fast(const char *text, size_t len) {
    fb_transfer t, u;
    fb_account a, b;
    bool linked = false, linked2 = false;
    fb_json_error err;
    int bad = 0;
    if (fb__json_fast_transfer(text, len, &t, &linked)) {
        bad |= fb__json_full_transfer(text, len, &u, &linked2, &err) != FB_OK ||
               memcmp(&t, &u, sizeof t) != 0 || linked != linked2;
    }
    if (fb__json_fast_account(text, len, &a, &linked)) {
        bad |= fb__json_full_account(text, len, &b, &linked2, &err) != FB_OK ||
               memcmp(&a, &b, sizeof a) != 0 || linked != linked2;
    }
    return bad;
}

int fb_fuzz_decode_one(const uint8_t *data, size_t size) {
    if (size > FB_LINE_MAX) return 0;
    const char *text = (const char *)data;
    return check_account(text, size) | check_transfer(text, size) | check_fast(text, size);
}

#ifdef FB_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fb_fuzz_decode_one(data, size)) abort();
    return 0;
}
#endif
