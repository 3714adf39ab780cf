/* ledger_json.c — see ledger_json.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "wire/ledger_json.h"

static int reject(fb_json_error *err, const char *field, const char *fmt, const char *arg) {
    snprintf(err->field, sizeof err->field, "%s", field);
    fb_text_cut(err->field, sizeof err->field);
    snprintf(err->reason, sizeof err->reason, fmt, arg ? arg : "");
    return FB_EINVAL;
}

/* Parses the JSON text into an object, with the nesting limit checked. */
static int load_object(const char *text, size_t len, json_t **out, fb_json_error *err) {
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        char why[200];
        snprintf(why, sizeof why, "is not valid JSON: %s (column %d)", jerr.text, jerr.column);
        return reject(err, "", "%s", why);
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return reject(err, "", "is not a JSON object", NULL);
    }
    *out = root;
    return FB_OK;
}

static int get_id(json_t *v, const char *field, char *dst, fb_json_error *err) {
    if (!json_is_string(v)) return reject(err, field, "must be a string", NULL);
    const char *why = NULL;
    if (!fb_id_valid(json_string_value(v), json_string_length(v), &why)) {
        return reject(err, field, "%s", why);
    }
    memcpy(dst, json_string_value(v), json_string_length(v) + 1);
    return FB_OK;
}

static int get_uint(json_t *v, const char *field, uint64_t max, uint64_t *out, fb_json_error *err) {
    if (!json_is_integer(v)) {
        return reject(err, field, "must be a whole number%s",
                      json_is_string(v) ? ", not a string" : "");
    }
    json_int_t n = json_integer_value(v);
    if (n < 0) return reject(err, field, "must not be negative", NULL);
    if ((uint64_t)n > max) {
        char why[64];
        snprintf(why, sizeof why, "must be at most %" PRIu64, max);
        return reject(err, field, "%s", why);
    }
    *out = (uint64_t)n;
    return FB_OK;
}

static int get_user_data(json_t *v, char *dst, fb_json_error *err) {
    if (!json_is_string(v)) return reject(err, "user_data", "must be a string", NULL);
    size_t n = json_string_length(v);
    if (n > FB_USER_DATA_MAX) return reject(err, "user_data", "is longer than 128 bytes", NULL);
    if (memchr(json_string_value(v), '\0', n)) {
        return reject(err, "user_data", "contains a NUL character", NULL);
    }
    memcpy(dst, json_string_value(v), n + 1);
    return FB_OK;
}

static int get_amount(json_t *v, int64_t *out, fb_json_error *err) {
    if (json_is_number(v)) {
        return reject(err, "amount", "must be a string of yuan such as \"1234.56\", not a number",
                      NULL);
    }
    if (!json_is_string(v)) return reject(err, "amount", "must be a string of yuan", NULL);
    const char *why = NULL;
    if (fb_money_parse(json_string_value(v), json_string_length(v), out, &why) != FB_OK) {
        return reject(err, "amount", "%s", why);
    }
    return FB_OK;
}

/* A value date: a date YYYY-MM-DD after 1970-01-01 (day 0 stands for "not given"). */
static int get_value_date(json_t *v, int32_t *out, fb_json_error *err) {
    if (!json_is_string(v)) return reject(err, "value_date", "must be a date YYYY-MM-DD", NULL);
    const char *why = NULL;
    int32_t days = 0;
    if (fb_date_parse(json_string_value(v), &days, &why) != FB_OK) {
        return reject(err, "value_date", "%s", why);
    }
    if (days <= 0) return reject(err, "value_date", "must be after 1970-01-01", NULL);
    *out = days;
    return FB_OK;
}

typedef const char *flag_name_fn(unsigned bit);

/* Reads the flags array into bits. */
static int get_flags(json_t *v, flag_name_fn *name_of, uint16_t *out, fb_json_error *err) {
    if (!json_is_array(v)) return reject(err, "flags", "must be an array of flag names", NULL);
    if (json_array_size(v) > FB_FLAGS_MAX) return reject(err, "flags", "has too many names", NULL);
    uint16_t bits = 0;
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (!json_is_string(item)) return reject(err, "flags", "must hold strings", NULL);
        const char *s = json_string_value(item);
        unsigned bit = 0;
        const char *name;
        while ((name = name_of(bit)) != NULL && strcmp(name, s) != 0)
            bit++;
        if (!name) return reject(err, "flags", "has an unknown flag \"%.60s\"", s);
        bits |= (uint16_t)(1u << bit);
    }
    *out = bits;
    return FB_OK;
}

/* Reads flags first (so that `linked` is known even when a later field is bad). */
static int read_flags(json_t *root, flag_name_fn *name_of, uint16_t linked_bit, uint16_t *flags,
                      bool *linked, fb_json_error *err) {
    json_t *f = json_object_get(root, "flags");
    *flags = 0;
    if (f && get_flags(f, name_of, flags, err)) return FB_EINVAL;
    *linked = (*flags & linked_bit) != 0;
    return FB_OK;
}

static int account_field(const char *key, json_t *v, fb_account *a, fb_json_error *err) {
    uint64_t n = 0;
    if (strcmp(key, "id") == 0) return get_id(v, "id", a->id, err);
    if (strcmp(key, "ledger") == 0) {
        if (get_uint(v, "ledger", UINT32_MAX, &n, err)) return FB_EINVAL;
        a->ledger = (uint32_t)n;
        return FB_OK;
    }
    if (strcmp(key, "code") == 0) {
        if (get_uint(v, "code", UINT16_MAX, &n, err)) return FB_EINVAL;
        a->code = (uint16_t)n;
        return FB_OK;
    }
    if (strcmp(key, "user_data") == 0) return get_user_data(v, a->user_data, err);
    if (strcmp(key, "flags") == 0) return FB_OK;
    if (strcmp(key, "timestamp") == 0 || strstr(key, "debits_") == key ||
        strstr(key, "credits_") == key) {
        return reject(err, key, "is set by the ledger, not by the caller", NULL);
    }
    return reject(err, key, "is not a field of an account", NULL);
}

int fb_json_decode_account(const char *text, size_t len, fb_account *out, bool *linked,
                           fb_json_error *err) {
    if (fb__json_fast_account(text, len, out, linked)) return FB_OK;
    return fb__json_full_account(text, len, out, linked, err);
}

int fb__json_full_account(const char *text, size_t len, fb_account *out, bool *linked,
                          fb_json_error *err) {
    memset(out, 0, sizeof *out);
    *linked = false;
    json_t *root = NULL;
    if (load_object(text, len, &root, err)) return FB_EINVAL;
    int rc = read_flags(root, fb_account_flag_name, FB_ACCOUNT_LINKED, &out->flags, linked, err);
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (rc) break;
        rc = account_field(key, v, out, err);
    }
    if (rc == FB_OK && !json_object_get(root, "id")) rc = reject(err, "id", "is missing", NULL);
    if (rc == FB_OK && !json_object_get(root, "ledger")) {
        rc = reject(err, "ledger", "is missing", NULL);
    }
    if (rc == FB_OK && !json_object_get(root, "code")) rc = reject(err, "code", "is missing", NULL);
    json_decref(root);
    return rc;
}

static int transfer_field(const char *key, json_t *v, fb_transfer *t, fb_json_error *err) {
    uint64_t n = 0;
    if (strcmp(key, "id") == 0) return get_id(v, "id", t->id, err);
    if (strcmp(key, "debit_account_id") == 0) return get_id(v, key, t->debit_account_id, err);
    if (strcmp(key, "credit_account_id") == 0) return get_id(v, key, t->credit_account_id, err);
    if (strcmp(key, "pending_id") == 0) return get_id(v, key, t->pending_id, err);
    if (strcmp(key, "amount") == 0) return get_amount(v, &t->amount_fen, err);
    if (strcmp(key, "user_data") == 0) return get_user_data(v, t->user_data, err);
    if (strcmp(key, "value_date") == 0) return get_value_date(v, &t->value_date, err);
    if (strcmp(key, "flags") == 0) return FB_OK;
    if (strcmp(key, "ledger") == 0) {
        if (get_uint(v, key, UINT32_MAX, &n, err)) return FB_EINVAL;
        t->ledger = (uint32_t)n;
        return FB_OK;
    }
    if (strcmp(key, "code") == 0) {
        if (get_uint(v, key, UINT16_MAX, &n, err)) return FB_EINVAL;
        t->code = (uint16_t)n;
        return FB_OK;
    }
    if (strcmp(key, "timeout") == 0) {
        if (get_uint(v, key, UINT32_MAX, &n, err)) return FB_EINVAL;
        t->timeout_s = (uint32_t)n;
        return FB_OK;
    }
    if (strcmp(key, "timestamp") == 0) {
        return reject(err, key, "is set by the ledger, not by the caller", NULL);
    }
    return reject(err, key, "is not a field of a transfer", NULL);
}

int fb_json_decode_transfer(const char *text, size_t len, fb_transfer *out, bool *linked,
                            fb_json_error *err) {
    if (fb__json_fast_transfer(text, len, out, linked)) return FB_OK;
    return fb__json_full_transfer(text, len, out, linked, err);
}

int fb__json_full_transfer(const char *text, size_t len, fb_transfer *out, bool *linked,
                           fb_json_error *err) {
    memset(out, 0, sizeof *out);
    out->amount_fen = FB_AMOUNT_UNSPECIFIED;
    *linked = false;
    json_t *root = NULL;
    if (load_object(text, len, &root, err)) return FB_EINVAL;
    int rc = read_flags(root, fb_transfer_flag_name, FB_TRANSFER_LINKED, &out->flags, linked, err);
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (rc) break;
        rc = transfer_field(key, v, out, err);
    }
    if (rc == FB_OK && !json_object_get(root, "id")) rc = reject(err, "id", "is missing", NULL);
    json_decref(root);
    return rc;
}

/* The line being written by fb_json_event_line: its bytes so far, within cap. */
typedef struct {
    char *buf;
    size_t cap, at;
} line_buf;

static void put(line_buf *o, const char *s, size_t n) {
    FB_ASSERT(o->at + n < o->cap);
    memcpy(o->buf + o->at, s, n);
    o->at += n;
}

static void put_str(line_buf *o, const char *s) { put(o, s, strlen(s)); }

/* Appends v in decimal. */
static void put_u64(line_buf *o, uint64_t v) {
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof digits - ++n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, digits + sizeof digits - n, n);
}

static void put_i64(line_buf *o, int64_t v) {
    if (v < 0) put(o, "-", 1);
    put_u64(o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

size_t fb_json_event_line(char *buf, size_t cap, uint64_t line, const char *id, fb_result r,
                          int64_t timestamp_ns, int64_t amount_fen, bool transfer) {
    FB_ASSERT(cap >= FB_EVENT_LINE_MAX && id[0] != '\0' && strpbrk(id, "\"\\") == NULL);
    line_buf o = {buf, cap, 0};
    put_str(&o, "{\"line\":");
    put_u64(&o, line);
    put_str(&o, ",\"id\":\"");
    put_str(&o, id);
    put_str(&o, "\",\"result\":\"");
    put_str(&o, fb_result_name(r));
    if (r == FB_RESULT_CREATED) {
        put_str(&o, "\",\"timestamp\":\"");
        put_i64(&o, timestamp_ns);
        if (transfer) {
            char money[FB_MONEY_STR_MAX];
            put_str(&o, "\",\"amount\":\"");
            put_str(&o, fb_money_format(amount_fen, money));
        }
        put_str(&o, "\"}\n");
    } else if (r == FB_RESULT_EXISTS) {
        put_str(&o, "\"}\n");
    } else {
        FB_ASSERT(strpbrk(fb_result_reason(r), "\"\\") == NULL);
        put_str(&o, "\",\"reason\":\"");
        put_str(&o, fb_result_reason(r));
        put_str(&o, "\"}\n");
    }
    buf[o.at] = '\0';
    return o.at;
}

/* Text that JSON writes as it is: printable ASCII but the quote and the backslash. */
static bool plain_text(const char *s) {
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e || *s == '"' || *s == '\\') {
            return false;
        }
    }
    return true;
}

static void put_money(line_buf *o, const char *key, int64_t fen) {
    char money[FB_MONEY_STR_MAX];
    put_str(o, key);
    put_str(o, fb_money_format(fen, money));
}

size_t fb_json_account_line(char *buf, size_t cap, const fb_account *a) {
    FB_ASSERT(buf != NULL && a != NULL && cap >= FB_ACCOUNT_LINE_MAX);
    if (strnlen(a->id, sizeof a->id) > FB_ID_MAX || !plain_text(a->id)) return 0;
    if (strnlen(a->user_data, sizeof a->user_data) > FB_USER_DATA_MAX) return 0;
    if (!plain_text(a->user_data)) return 0;
    line_buf o = {buf, cap, 0};
    put_str(&o, "{\"id\":\"");
    put_str(&o, a->id);
    put_str(&o, "\",\"ledger\":");
    put_u64(&o, a->ledger);
    put_str(&o, ",\"code\":");
    put_u64(&o, a->code);
    put_str(&o, ",\"flags\":[");
    const char *name;
    bool first = true;
    for (unsigned bit = 0; (name = fb_account_flag_name(bit)) != NULL; bit++) {
        if (!(a->flags & (1u << bit))) continue;
        put_str(&o, first ? "\"" : ",\"");
        put_str(&o, name);
        put_str(&o, "\"");
        first = false;
    }
    put_str(&o, "]");
    if (a->user_data[0]) {
        put_str(&o, ",\"user_data\":\"");
        put_str(&o, a->user_data);
        put_str(&o, "\"");
    }
    put_money(&o, ",\"debits_pending\":\"", a->debits_pending_fen);
    put_money(&o, "\",\"debits_posted\":\"", a->debits_posted_fen);
    put_money(&o, "\",\"credits_pending\":\"", a->credits_pending_fen);
    put_money(&o, "\",\"credits_posted\":\"", a->credits_posted_fen);
    put_str(&o, "\",\"timestamp\":\"");
    put_i64(&o, a->timestamp_ns);
    put_str(&o, "\"}\n");
    buf[o.at] = '\0';
    return o.at;
}

json_t *fb_json_i64_string(int64_t v) {
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    return json_string(buf);
}

json_t *fb_json_money(int64_t fen) {
    char buf[FB_MONEY_STR_MAX];
    return json_string(fb_money_format(fen, buf));
}

static json_t *flags_array(uint16_t flags, flag_name_fn *name_of) {
    json_t *arr = json_array();
    for (unsigned bit = 0; arr && name_of(bit); bit++) {
        if (flags & (1u << bit)) json_array_append_new(arr, json_string(name_of(bit)));
    }
    return arr;
}

json_t *fb_json_encode_account(const fb_account *a) {
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "id", json_string(a->id));
    json_object_set_new(o, "ledger", json_integer(a->ledger));
    json_object_set_new(o, "code", json_integer(a->code));
    json_object_set_new(o, "flags", flags_array(a->flags, fb_account_flag_name));
    if (a->user_data[0]) json_object_set_new(o, "user_data", json_string(a->user_data));
    json_object_set_new(o, "debits_pending", fb_json_money(a->debits_pending_fen));
    json_object_set_new(o, "debits_posted", fb_json_money(a->debits_posted_fen));
    json_object_set_new(o, "credits_pending", fb_json_money(a->credits_pending_fen));
    json_object_set_new(o, "credits_posted", fb_json_money(a->credits_posted_fen));
    json_object_set_new(o, "timestamp", fb_json_i64_string(a->timestamp_ns));
    return o;
}

json_t *fb_json_encode_transfer(const fb_transfer *t) {
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "id", json_string(t->id));
    json_object_set_new(o, "debit_account_id", json_string(t->debit_account_id));
    json_object_set_new(o, "credit_account_id", json_string(t->credit_account_id));
    json_object_set_new(o, "amount", fb_json_money(t->amount_fen));
    if (t->pending_id[0]) json_object_set_new(o, "pending_id", json_string(t->pending_id));
    json_object_set_new(o, "ledger", json_integer(t->ledger));
    json_object_set_new(o, "code", json_integer(t->code));
    json_object_set_new(o, "flags", flags_array(t->flags, fb_transfer_flag_name));
    if (t->timeout_s) json_object_set_new(o, "timeout", json_integer(t->timeout_s));
    if (t->user_data[0]) json_object_set_new(o, "user_data", json_string(t->user_data));
    char day[11];
    json_object_set_new(o, "value_date", json_string(fb_date_format(t->value_date, day)));
    json_object_set_new(o, "timestamp", fb_json_i64_string(t->timestamp_ns));
    return o;
}

json_t *fb_json_encode_balance(const char *account, const fb_balance *b) {
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "account", json_string(account));
    json_object_set_new(o, "timestamp", fb_json_i64_string(b->timestamp_ns));
    char day[11];
    json_object_set_new(o, "value_date", json_string(fb_date_format(b->value_date, day)));
    json_object_set_new(o, "debits_pending", fb_json_money(b->debits_pending_fen));
    json_object_set_new(o, "debits_posted", fb_json_money(b->debits_posted_fen));
    json_object_set_new(o, "credits_pending", fb_json_money(b->credits_pending_fen));
    json_object_set_new(o, "credits_posted", fb_json_money(b->credits_posted_fen));
    return o;
}
