/* fuzz_request.c — the API's request decoder under libFuzzer (make fuzz), and the body that
 * tests/test_corpus.c replays over tests/corpus/request in make test.
 *
 * Property: any body is either a list of 1..8,189 events each decoded, or refused with a reason
 * (and the event's index and field when one event is at fault); never a crash, nothing kept. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/api_json.h"

int fb_fuzz_request_one(const uint8_t *data, size_t size);

static int transfer(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_transfer(text, len, out, &linked, err);
}

static int account(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_account(text, len, out, &linked, err);
}

static int one(const uint8_t *data, size_t size, size_t record, fb_json_element_fn *fn) {
    void *v = NULL;
    size_t n = 0;
    fb_json_error err;
    int rc =
        fb_json_decode_events((const char *)data, size, FB_BATCH_MAX, record, fn, &v, &n, &err);
    int bad = 0;
    if (rc == FB_OK) {
        bad = v == NULL || n == 0 || n > FB_BATCH_MAX;
    } else {
        bad = v != NULL || n != 0 || !err.reason[0] ||
              (err.field[0] && err.field[0] != '['); /* an event's fault names its index */
    }
    free(v);
    return bad;
}

int fb_fuzz_request_one(const uint8_t *data, size_t size) {
    if (size > (1u << 20)) return 0;
    return one(data, size, sizeof(fb_transfer), transfer) |
           one(data, size, sizeof(fb_account), account);
}

#ifdef FB_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fb_fuzz_request_one(data, size)) abort();
    return 0;
}
#endif
