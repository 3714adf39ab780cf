/* ledger.c — the API's ledger resources: accounts and transfers. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

static int account_element(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_account(text, len, out, &linked, err);
}

static int transfer_element(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_transfer(text, len, out, &linked, err);
}

/* What the ledger answers an event: its result, and for a created one its timestamp and the
 * amount moved. */
typedef struct {
    fb_result result;
    int64_t ts;
    int64_t amount;
} ledger_outcome;

static int submit_ledger(fb_book *book, void *records, size_t n, void *outcomes, bool transfers) {
    fb_result *res = calloc(n, sizeof *res);
    int64_t *ts = calloc(n, sizeof *ts), *amounts = calloc(n, sizeof *amounts);
    int rc = res && ts && amounts
                 ? transfers ? fb_ledger_create_transfers(fb_book_ledger(book), records, n, res, ts,
                                                          amounts)
                             : fb_ledger_create_accounts(fb_book_ledger(book), records, n, res, ts)
                 : FB_ENOMEM;
    ledger_outcome *o = outcomes;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        o[i] = (ledger_outcome){res[i], ts[i], amounts[i]};
    free(res);
    free(ts);
    free(amounts);
    return rc;
}

static int submit_accounts(fb_book *book, void *records, size_t n, void *outcomes) {
    return submit_ledger(book, records, n, outcomes, false);
}

static int submit_transfers(fb_book *book, void *records, size_t n, void *outcomes) {
    return submit_ledger(book, records, n, outcomes, true);
}

static fb_json_outcome account_result(json_t *line, const void *record, const void *outcome) {
    const ledger_outcome *o = outcome;
    return fb_json_event_result(line, ((const fb_account *)record)->id, o->result, o->ts, 0, false);
}

static fb_json_outcome transfer_result(json_t *line, const void *record, const void *outcome) {
    const ledger_outcome *o = outcome;
    return fb_json_event_result(line, ((const fb_transfer *)record)->id, o->result, o->ts,
                                o->amount, true);
}

static const fb__batch_kind accounts = {
    "accounts",      FB_BATCH_MAX,    sizeof(fb_account), sizeof(ledger_outcome),
    account_element, submit_accounts, account_result};

static const fb__batch_kind transfers = {
    "transfers",      FB_BATCH_MAX,     sizeof(fb_transfer), sizeof(ledger_outcome),
    transfer_element, submit_transfers, transfer_result};

int fb__api_post_accounts(req *r, fb_book *book) {
    return fb__api_create_batch(r, book, &accounts);
}

int fb__api_post_transfers(req *r, fb_book *book) {
    return fb__api_create_batch(r, book, &transfers);
}

int fb__api_get_account(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && !fb__api_own_account(r, id))
        return fb__api_not_found(r, "account", id);
    fb_account a;
    int rc = fb_ledger_get_account(fb_book_ledger(book), id, &a);
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) return fb__api_not_found(r, "account", id);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_account(&a));
}

/* --from --to --limit as the command line takes them, and a cursor: the timestamp after which
 * the next page starts. */
static bool page_query(req *r, fb_query *q) {
    memset(q, 0, sizeof *q);
    q->limit = 100;
    const char *names[3] = {"from", "to", "cursor"};
    int64_t *dst[3] = {&q->from_ns, &q->to_ns, NULL};
    int64_t cursor = 0;
    dst[2] = &cursor;
    for (int i = 0; i < 3; i++) {
        const char *v = fb_arg(r, names[i]);
        char *end = NULL;
        if (!v) continue;
        long long x = strtoll(v, &end, 10);
        if (*end || x < 0) {
            fb_problem(r, 400, "invalid query", names[i], "%s must be a timestamp in nanoseconds",
                       names[i]);
            return false;
        }
        *dst[i] = x;
    }
    const char *limit = fb_arg(r, "limit");
    if (limit) {
        char *end = NULL;
        long x = strtol(limit, &end, 10);
        if (*end || x < 1 || x > FB_QUERY_LIMIT_MAX) {
            fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to %d",
                       FB_QUERY_LIMIT_MAX);
            return false;
        }
        q->limit = (uint32_t)x;
    }
    q->reverse = fb_arg(r, "reverse") && strcmp(fb_arg(r, "reverse"), "true") == 0;
    if (cursor) {
        if (q->reverse) {
            q->to_ns = cursor - 1;
        } else {
            q->from_ns = cursor + 1;
        }
    }
    return true;
}

int fb__api_account_transfers(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && !fb__api_own_account(r, id))
        return fb__api_not_found(r, "account", id);
    fb_query q;
    if (!page_query(r, &q)) return FB_OK;
    fb_transfer *v = calloc(q.limit, sizeof *v);
    size_t n = 0;
    int rc = v ? fb_ledger_account_transfers(fb_book_ledger(book), id, &q, v, &n) : FB_ENOMEM;
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) {
        free(v);
        return fb__api_not_found(r, "account", id);
    }
    if (rc == FB_OK) {
        json_t *o = json_object(), *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, fb_json_encode_transfer(&v[i]));
        json_object_set_new(o, "transfers", a);
        json_object_set_new(o, "next_cursor",
                            n == q.limit ? fb_json_i64_string(v[n - 1].timestamp_ns) : json_null());
        fb_answer(r, 200, o);
    }
    free(v);
    return rc;
}

int fb__api_account_balances(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && !fb__api_own_account(r, id))
        return fb__api_not_found(r, "account", id);
    fb_query q;
    memset(&q, 0, sizeof q);
    q.limit = 1;
    q.reverse = true;
    const char *as_of = fb_arg(r, "as_of");
    if (as_of) {
        char *end = NULL;
        long long x = strtoll(as_of, &end, 10);
        if (*end || x <= 0) {
            return fb_problem(r, 400, "invalid query", "as_of",
                              "as_of must be a timestamp in nanoseconds");
        }
        q.to_ns = x;
    }
    fb_balance b;
    size_t n = 0;
    int rc = fb_ledger_account_balances(fb_book_ledger(book), id, &q, &b, &n);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "account", id);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no balance history", NULL, "account %s keeps no history", id);
    }
    if (rc) return rc;
    /* Before its first event an account's balances are all zero, as the command line says. */
    if (n == 0) b = (fb_balance){.timestamp_ns = q.to_ns};
    return fb_answer(r, 200, fb_json_encode_balance(id, &b));
}

int fb__api_get_transfer(req *r, fb_book *book) {
    const char *id = r->seg[2];
    fb_transfer t;
    int rc = fb_ledger_get_transfer(fb_book_ledger(book), id, &t);
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) return fb__api_not_found(r, "transfer", id);
    if (rc) return rc;
    if (fb__api_is_enterprise(r) && !fb__api_own_account(r, t.debit_account_id) &&
        !fb__api_own_account(r, t.credit_account_id)) {
        return fb__api_not_found(r, "transfer", id);
    }
    return fb_answer(r, 200, fb_json_transfer_view(fb_book_ledger(book), &t));
}
