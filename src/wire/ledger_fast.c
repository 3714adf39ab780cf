/* ledger_fast.c — the one-pass reader of flat account and transfer objects, the decoders' fast
 * path (ledger_json.h).
 *
 * A line of the bulk load is a flat object of known keys with plain strings, small whole numbers
 * and one array of flag names. This reader takes exactly such a line in one pass, copying ids and
 * parsing money in place, with no tree and no allocation. It accepts only what the full decoder
 * (jansson) would decode, to the same record; on anything else (an escape, a byte outside ASCII,
 * a number with a sign, point or exponent, a duplicate or unknown key, a value out of range, a
 * missing field, whatever is not plain) it declines, and the caller runs the full decoder, which
 * says what is wrong in its own words. tests/test_corpus.c holds the two to the same answers over
 * every corpus input. */
#include <string.h>

#include "core/assert.h"
#include "wire/ledger_json.h"

typedef struct {
    const char *p, *end;
} cursor;

static void skip_ws(cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static bool take(cursor *c, char ch) {
    skip_ws(c);
    if (c->p >= c->end || *c->p != ch) return false;
    c->p++;
    return true;
}

/* A plain string: printable ASCII, no escape. *s and *n give its bytes (not terminated). */
static bool plain_string(cursor *c, const char **s, size_t *n) {
    if (!take(c, '"')) return false;
    const char *start = c->p;
    while (c->p < c->end && *c->p != '"') {
        unsigned char b = (unsigned char)*c->p;
        if (b < 0x20 || b >= 0x7f || b == '\\') return false;
        c->p++;
    }
    if (c->p >= c->end) return false;
    *s = start;
    *n = (size_t)(c->p - start);
    c->p++;
    return true;
}

/* A whole number as JSON writes it: digits, no sign, no leading zero, no point or exponent. */
static bool plain_uint(cursor *c, uint64_t max, uint64_t *out) {
    skip_ws(c);
    const char *start = c->p;
    uint64_t v = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
        if (c->p - start >= 18) return false; /* beyond what any field takes */
        v = v * 10 + (uint64_t)(*c->p - '0');
        c->p++;
    }
    size_t n = (size_t)(c->p - start);
    if (n == 0 || (n > 1 && *start == '0') || v > max) return false;
    if (c->p < c->end && (*c->p == '.' || *c->p == 'e' || *c->p == 'E')) return false;
    *out = v;
    return true;
}

static bool id_value(cursor *c, char *dst) {
    const char *s = NULL;
    size_t n = 0;
    if (!plain_string(c, &s, &n) || !fb_id_valid(s, n, NULL)) return false;
    FB_ASSERT(n <= FB_ID_MAX);
    memcpy(dst, s, n);
    dst[n] = '\0';
    return true;
}

static bool user_data_value(cursor *c, char *dst) {
    const char *s = NULL;
    size_t n = 0;
    if (!plain_string(c, &s, &n) || n > FB_USER_DATA_MAX) return false;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return true;
}

typedef const char *flag_name_fn(unsigned bit);

static bool flags_value(cursor *c, flag_name_fn *name_of, uint16_t *out) {
    if (!take(c, '[')) return false;
    uint16_t bits = 0;
    skip_ws(c);
    if (c->p < c->end && *c->p == ']') {
        c->p++;
        *out = 0;
        return true;
    }
    for (int count = 0;; count++) {
        const char *s = NULL;
        size_t n = 0;
        if (count == FB_FLAGS_MAX || !plain_string(c, &s, &n)) return false;
        unsigned bit = 0;
        const char *name;
        while ((name = name_of(bit)) != NULL && (strlen(name) != n || memcmp(name, s, n) != 0))
            bit++;
        if (!name) return false;
        bits |= (uint16_t)(1u << bit);
        if (take(c, ']')) break;
        if (!take(c, ',')) return false;
    }
    *out = bits;
    return true;
}

/* The keys the fast path knows, as bits of `seen` (a key twice declines: jansson refuses it). */
enum {
    K_ID = 1 << 0,
    K_DEBIT = 1 << 1,
    K_CREDIT = 1 << 2,
    K_AMOUNT = 1 << 3,
    K_PENDING = 1 << 4,
    K_LEDGER = 1 << 5,
    K_CODE = 1 << 6,
    K_FLAGS = 1 << 7,
    K_TIMEOUT = 1 << 8,
    K_USER_DATA = 1 << 9,
    K_VALUE_DATE = 1 << 10,
};

static bool key_is(const char *s, size_t n, const char *name) {
    return strlen(name) == n && memcmp(s, name, n) == 0;
}

static bool amount_value(cursor *c, int64_t *out) {
    const char *s = NULL;
    size_t n = 0;
    return plain_string(c, &s, &n) && fb_money_parse(s, n, out, NULL) == FB_OK;
}

static bool value_date_value(cursor *c, int32_t *out) {
    const char *s = NULL;
    size_t n = 0;
    char day[11];
    if (!plain_string(c, &s, &n) || n != 10) return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    int32_t days = 0;
    if (fb_date_parse(day, &days, NULL) != FB_OK || days <= 0) return false;
    *out = days;
    return true;
}

/* One member of a transfer: its key known, its value plain and valid. */
static bool transfer_member(cursor *c, const char *k, size_t n, fb_transfer *t, unsigned *seen) {
    uint64_t v = 0;
    unsigned bit = key_is(k, n, "id")                  ? K_ID
                   : key_is(k, n, "debit_account_id")  ? K_DEBIT
                   : key_is(k, n, "credit_account_id") ? K_CREDIT
                   : key_is(k, n, "amount")            ? K_AMOUNT
                   : key_is(k, n, "pending_id")        ? K_PENDING
                   : key_is(k, n, "ledger")            ? K_LEDGER
                   : key_is(k, n, "code")              ? K_CODE
                   : key_is(k, n, "flags")             ? K_FLAGS
                   : key_is(k, n, "timeout")           ? K_TIMEOUT
                   : key_is(k, n, "user_data")         ? K_USER_DATA
                   : key_is(k, n, "value_date")        ? K_VALUE_DATE
                                                       : 0;
    if (bit == 0 || (*seen & bit)) return false;
    *seen |= bit;
    switch (bit) {
    case K_ID: return id_value(c, t->id);
    case K_DEBIT: return id_value(c, t->debit_account_id);
    case K_CREDIT: return id_value(c, t->credit_account_id);
    case K_PENDING: return id_value(c, t->pending_id);
    case K_AMOUNT: return amount_value(c, &t->amount_fen);
    case K_USER_DATA: return user_data_value(c, t->user_data);
    case K_FLAGS: return flags_value(c, fb_transfer_flag_name, &t->flags);
    case K_VALUE_DATE: return value_date_value(c, &t->value_date);
    case K_LEDGER:
        if (!plain_uint(c, UINT32_MAX, &v)) return false;
        t->ledger = (uint32_t)v;
        return true;
    case K_CODE:
        if (!plain_uint(c, UINT16_MAX, &v)) return false;
        t->code = (uint16_t)v;
        return true;
    default:
        FB_ASSERT(bit == K_TIMEOUT);
        if (!plain_uint(c, UINT32_MAX, &v)) return false;
        t->timeout_s = (uint32_t)v;
        return true;
    }
}

static bool account_member(cursor *c, const char *k, size_t n, fb_account *a, unsigned *seen) {
    uint64_t v = 0;
    unsigned bit = key_is(k, n, "id")          ? K_ID
                   : key_is(k, n, "ledger")    ? K_LEDGER
                   : key_is(k, n, "code")      ? K_CODE
                   : key_is(k, n, "flags")     ? K_FLAGS
                   : key_is(k, n, "user_data") ? K_USER_DATA
                                               : 0;
    if (bit == 0 || (*seen & bit)) return false;
    *seen |= bit;
    switch (bit) {
    case K_ID: return id_value(c, a->id);
    case K_USER_DATA: return user_data_value(c, a->user_data);
    case K_FLAGS: return flags_value(c, fb_account_flag_name, &a->flags);
    case K_LEDGER:
        if (!plain_uint(c, UINT32_MAX, &v)) return false;
        a->ledger = (uint32_t)v;
        return true;
    default:
        FB_ASSERT(bit == K_CODE);
        if (!plain_uint(c, UINT16_MAX, &v)) return false;
        a->code = (uint16_t)v;
        return true;
    }
}

typedef bool member_fn(cursor *c, const char *k, size_t n, void *record, unsigned *seen);

static bool transfer_member_fn(cursor *c, const char *k, size_t n, void *r, unsigned *seen) {
    return transfer_member(c, k, n, r, seen);
}
static bool account_member_fn(cursor *c, const char *k, size_t n, void *r, unsigned *seen) {
    return account_member(c, k, n, r, seen);
}

/* The object's members, each by member(); true when the whole text was one plain object. */
static bool read_object(const char *text, size_t len, member_fn *member, void *record,
                        unsigned *seen) {
    cursor c = {text, text + len};
    if (!take(&c, '{')) return false;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}') {
        c.p++;
    } else {
        for (;;) {
            const char *k = NULL;
            size_t n = 0;
            if (!plain_string(&c, &k, &n) || !take(&c, ':')) return false;
            if (!member(&c, k, n, record, seen)) return false;
            if (take(&c, '}')) break;
            if (!take(&c, ',')) return false;
        }
    }
    skip_ws(&c);
    return c.p == c.end;
}

bool fb__json_fast_transfer(const char *text, size_t len, fb_transfer *out, bool *linked) {
    FB_ASSERT(text != NULL && out != NULL && linked != NULL);
    memset(out, 0, sizeof *out);
    out->amount_fen = FB_AMOUNT_UNSPECIFIED;
    unsigned seen = 0;
    if (!read_object(text, len, transfer_member_fn, out, &seen) || !(seen & K_ID)) return false;
    *linked = (out->flags & FB_TRANSFER_LINKED) != 0;
    FB_ASSERT(out->id[0] != '\0');
    return true;
}

bool fb__json_fast_account(const char *text, size_t len, fb_account *out, bool *linked) {
    FB_ASSERT(text != NULL && out != NULL && linked != NULL);
    memset(out, 0, sizeof *out);
    unsigned seen = 0;
    unsigned need = K_ID | K_LEDGER | K_CODE;
    if (!read_object(text, len, account_member_fn, out, &seen) || (seen & need) != need) {
        return false;
    }
    *linked = (out->flags & FB_ACCOUNT_LINKED) != 0;
    FB_ASSERT(out->id[0] != '\0');
    return true;
}
