/* ledger.c — the API's ledger resources: accounts and transfers. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/query.h"

/* A bound of the ledger's queries: a date selects by value date, a timestamp by time (*given when
 * the argument is there). False when it is malformed, the 400 answered. */
static bool when_arg(req *r, const char *name, bool end, bool *given, int64_t *ns, int32_t *date) {
    const char *v = fb_arg(r, name);
    const char *why = NULL;
    *given = v != NULL;
    if (!v || fb_query_when(v, end, ns, date, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

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

/* from, to, limit and reverse as the command line takes them (--from --to --limit --reverse),
 * and a cursor: the timestamp of the last transfer of the page before (its next_cursor), after
 * which (before which, reversed) the page starts. *empty when no transfer can be in the page (a
 * cursor at either end of time, to=0): then the ledger is not asked for one. */
static bool page_query(req *r, fb_query *q, bool *empty) {
    memset(q, 0, sizeof *q);
    *empty = false;
    int64_t limit = 100, cursor = 0;
    bool from_given = false, to_given = false;
    if (!when_arg(r, "from", false, &from_given, &q->from_ns, &q->from_date) ||
        !when_arg(r, "to", true, &to_given, &q->to_ns, &q->to_date) ||
        !fb__api_int_arg(r, "limit", 1, FB_QUERY_LIMIT_MAX, &limit) ||
        !fb__api_int_arg(r, "cursor", 0, INT64_MAX, &cursor) ||
        !fb__api_bool_arg(r, "reverse", &q->reverse)) {
        return false;
    }
    q->limit = (uint32_t)limit;
    /* The ledger reads to_ns 0 as "to the end": here an upper end of 0 holds nothing. */
    bool to_is_time = to_given && !q->to_date;
    int64_t to = to_is_time ? q->to_ns : INT64_MAX;
    if ((to_is_time && q->from_ns > q->to_ns) ||
        (q->from_date && q->to_date && q->from_date > q->to_date)) {
        fb_problem(r, 400, "invalid query", "from", "from is after to");
        return false;
    }
    if (fb_arg(r, "cursor")) {
        /* Checked: the next page starts one nanosecond past the cursor, if there is one. */
        if (q->reverse ? cursor == 0 : cursor == INT64_MAX) {
            *empty = true;
        } else if (q->reverse) {
            if (cursor - 1 < to) to = cursor - 1;
        } else if (cursor + 1 > q->from_ns) {
            q->from_ns = cursor + 1;
        }
    }
    if (to == 0 || q->from_ns > to) *empty = true;
    q->to_ns = to == INT64_MAX ? 0 : to;
    return true;
}

int fb__api_account_transfers(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && !fb__api_own_account(r, id))
        return fb__api_not_found(r, "account", id);
    fb_query q;
    bool empty = false;
    if (!page_query(r, &q, &empty)) return FB_OK;
    fb_transfer *v = calloc(q.limit, sizeof *v);
    size_t n = 0;
    fb_account account;
    int rc = !v      ? FB_ENOMEM
             : empty ? fb_ledger_get_account(fb_book_ledger(book), id, &account)
                     : fb_ledger_account_transfers(fb_book_ledger(book), id, &q, v, &n);
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
    bool given = false;
    int32_t date = 0;
    if (!when_arg(r, "as_of", true, &given, &q.to_ns, &date)) return FB_OK;
    if (given && !date && q.to_ns == 0) {
        return fb_problem(r, 400, "invalid query", "as_of", "as_of holds no balance: it is 0");
    }
    fb_balance b;
    size_t n = 1;
    /* As of a date: the events of that value date and before; as of a time: the last row. */
    int rc = date ? fb_ledger_account_balance_on(fb_book_ledger(book), id, date, &b)
                  : fb_ledger_account_balances(fb_book_ledger(book), id, &q, &b, &n);
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
