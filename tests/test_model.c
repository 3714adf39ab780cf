/* test_model.c — a seeded property test: random events against the ledger and against an
 * independent in-memory model of the same semantics, comparing every result, every amount moved
 * and, after every batch, every account's balances and flags; verify at the end; and a replay of
 * the same batches into a fresh book must give the same results and balances.
 *
 * The model is written apart from the ledger: plain arrays indexed by number, chains rolled back
 * by restoring a snapshot of the accounts and a list of the transfers they touched.
 * FB_SEED=N replays a run; FB_MODEL_EVENTS=N sets its length (default 100,000). */
#include <time.h>

#include "finbridge/finbridge.h"
#include "test.h"

#define N_ACCTS 12
#define MAX_EVENTS 400000
#define BATCH_LIMIT 300

static uint64_t rng;
static uint64_t next_u64(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static uint32_t pick(uint32_t n) { return (uint32_t)(next_u64() % n); }

/* ---- The model ---------------------------------------------------------------------------- */

typedef struct {
    uint32_t ledger;
    uint16_t flags;
    int64_t dpe, dpo, cpe, cpo;
} m_acct;

enum { M_ABSENT, M_EXISTS, M_FAILED };

typedef struct {
    int state;
    fb_transfer t; /* as created */
    int status;    /* fb_pending_status for pending transfers */
} m_xfer;

static m_acct accts[N_ACCTS];
static m_xfer *xfers; /* indexed by the number in the id "t<N>" */
static int n_ids;     /* ids handed out so far */

/* Parses "a<N>" / "t<N>" into N, or -1 for any other id. */
static int num(const char *id, char prefix) {
    if (id[0] != prefix || !id[1]) return -1;
    int n = 0;
    for (const char *p = id + 1; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

static bool bad_id(const char *s) { return !fb_id_valid(s, strlen(s), NULL); }

static bool adds_over(int64_t a, int64_t b) { return a > INT64_MAX - b; }

/* a + b + c > INT64_MAX, for non-negative a, b, c. */
static bool adds3_over(int64_t a, int64_t b, int64_t c) {
    return (__extension__(__int128) a + b + c) > INT64_MAX;
}

static fb_result m_exists_single(const fb_transfer *t, const fb_transfer *e) {
    if (t->flags != e->flags) return FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS;
    if (strcmp(t->pending_id, e->pending_id)) return FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID;
    if (t->timeout_s != e->timeout_s) return FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT;
    if (strcmp(t->debit_account_id, e->debit_account_id)) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (strcmp(t->credit_account_id, e->credit_account_id)) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    bool bal = t->flags & (FB_TRANSFER_BALANCING_DEBIT | FB_TRANSFER_BALANCING_CREDIT);
    if (bal ? (t->amount_fen >= 0 && t->amount_fen < e->amount_fen)
            : t->amount_fen != e->amount_fen) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT;
    }
    if (strcmp(t->user_data, e->user_data)) return FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA;
    if (t->ledger != e->ledger) return FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER;
    if (t->code != e->code) return FB_RESULT_EXISTS_WITH_DIFFERENT_CODE;
    return FB_RESULT_EXISTS;
}

static fb_result m_exists_resolve(const fb_transfer *t, const fb_transfer *e) {
    const fb_transfer *p = &xfers[num(e->pending_id, 't')].t;
    if (t->flags != e->flags) return FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS;
    if (strcmp(t->pending_id, e->pending_id)) return FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID;
    if (t->timeout_s != e->timeout_s) return FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT;
    if (t->debit_account_id[0] && strcmp(t->debit_account_id, e->debit_account_id)) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (t->credit_account_id[0] && strcmp(t->credit_account_id, e->credit_account_id)) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    bool whole = t->amount_fen < 0 || ((t->flags & FB_TRANSFER_VOID_PENDING) && t->amount_fen == 0);
    if ((whole ? p->amount_fen : t->amount_fen) != e->amount_fen) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT;
    }
    if (strcmp(t->user_data[0] ? t->user_data : p->user_data, e->user_data)) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA;
    }
    if (t->ledger && t->ledger != e->ledger) return FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER;
    if (t->code && t->code != e->code) return FB_RESULT_EXISTS_WITH_DIFFERENT_CODE;
    return FB_RESULT_EXISTS;
}

/* What the chain changed, to put back. */
typedef struct {
    m_acct accts[N_ACCTS];
    int touched[BATCH_LIMIT * 2];
    m_xfer before[BATCH_LIMIT * 2];
    int n;
} m_snapshot;

static m_snapshot snap;
static bool chain_open;

static void m_touch(int x) {
    if (!chain_open) return;
    snap.touched[snap.n] = x;
    snap.before[snap.n] = xfers[x];
    snap.n++;
}

static fb_result m_resolve(const fb_transfer *t, int x, int64_t *moved) {
    uint16_t f = t->flags;
    if ((f & FB_TRANSFER_POST_PENDING) && (f & FB_TRANSFER_VOID_PENDING)) {
        return FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (f & (FB_TRANSFER_PENDING | FB_TRANSFER_BALANCING_DEBIT | FB_TRANSFER_BALANCING_CREDIT |
             FB_TRANSFER_CLOSING_DEBIT | FB_TRANSFER_CLOSING_CREDIT)) {
        return FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (!t->pending_id[0]) return FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO;
    if (bad_id(t->pending_id)) return FB_RESULT_PENDING_ID_MALFORMED;
    if (!strcmp(t->pending_id, t->id)) return FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT;
    if (t->timeout_s) return FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (t->debit_account_id[0] && bad_id(t->debit_account_id)) {
        return FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED;
    }
    if (t->credit_account_id[0] && bad_id(t->credit_account_id)) {
        return FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED;
    }
    int pn = num(t->pending_id, 't');
    if (pn < 0 || pn >= n_ids || xfers[pn].state != M_EXISTS) {
        return FB_RESULT_PENDING_TRANSFER_NOT_FOUND;
    }
    m_xfer *pe = &xfers[pn];
    const fb_transfer *p = &pe->t;
    if (!(p->flags & FB_TRANSFER_PENDING)) return FB_RESULT_PENDING_TRANSFER_NOT_PENDING;
    if (t->debit_account_id[0] && strcmp(t->debit_account_id, p->debit_account_id)) {
        return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (t->credit_account_id[0] && strcmp(t->credit_account_id, p->credit_account_id)) {
        return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    if (t->ledger && t->ledger != p->ledger) return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
    if (t->code && t->code != p->code) return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE;
    bool voiding = f & FB_TRANSFER_VOID_PENDING;
    /* Left out, or a void of 0 (TigerBeetle's way of writing a void): the whole amount. */
    int64_t amount =
        t->amount_fen < 0 || (voiding && t->amount_fen == 0) ? p->amount_fen : t->amount_fen;
    if (amount > p->amount_fen) return FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT;
    if (voiding && amount < p->amount_fen) return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
    if (pe->status == FB_PENDING_POSTED) return FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED;
    if (pe->status == FB_PENDING_VOIDED) return FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED;
    m_acct *dr = &accts[num(p->debit_account_id, 'a')],
           *cr = &accts[num(p->credit_account_id, 'a')];
    if (!voiding && (dr->flags & FB_ACCOUNT_CLOSED)) return FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED;
    if (!voiding && (cr->flags & FB_ACCOUNT_CLOSED)) return FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED;
    m_touch(pn);
    m_touch(x);
    dr->dpe -= p->amount_fen;
    cr->cpe -= p->amount_fen;
    if (voiding) {
        if (p->flags & FB_TRANSFER_CLOSING_DEBIT) dr->flags &= (uint16_t)~FB_ACCOUNT_CLOSED;
        if (p->flags & FB_TRANSFER_CLOSING_CREDIT) cr->flags &= (uint16_t)~FB_ACCOUNT_CLOSED;
    } else {
        dr->dpo += amount;
        cr->cpo += amount;
    }
    pe->status = voiding ? FB_PENDING_VOIDED : FB_PENDING_POSTED;
    fb_transfer c = *t;
    strcpy(c.debit_account_id, p->debit_account_id);
    strcpy(c.credit_account_id, p->credit_account_id);
    if (!c.user_data[0]) strcpy(c.user_data, p->user_data);
    c.ledger = p->ledger;
    c.code = p->code;
    c.amount_fen = amount;
    xfers[x].state = M_EXISTS;
    xfers[x].t = c;
    xfers[x].status = FB_PENDING_NONE;
    *moved = amount;
    return FB_RESULT_CREATED;
}

static fb_result m_single(const fb_transfer *t, int x, int64_t *moved) {
    if (!t->debit_account_id[0]) return FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (bad_id(t->debit_account_id)) return FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED;
    if (!t->credit_account_id[0]) return FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (bad_id(t->credit_account_id)) return FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED;
    if (!strcmp(t->debit_account_id, t->credit_account_id))
        return FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT;
    if (t->pending_id[0]) return FB_RESULT_PENDING_ID_MUST_BE_ZERO;
    bool pending = t->flags & FB_TRANSFER_PENDING;
    if (!pending && t->timeout_s) return FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (!pending && (t->flags & (FB_TRANSFER_CLOSING_DEBIT | FB_TRANSFER_CLOSING_CREDIT))) {
        return FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING;
    }
    if (t->timeout_s > FB_TIMEOUT_MAX_S) return FB_RESULT_TIMEOUT_TOO_LONG;
    if (!t->ledger) return FB_RESULT_LEDGER_MUST_NOT_BE_ZERO;
    if (!t->code) return FB_RESULT_CODE_MUST_NOT_BE_ZERO;
    bool bd = t->flags & FB_TRANSFER_BALANCING_DEBIT, bc = t->flags & FB_TRANSFER_BALANCING_CREDIT;
    if (t->amount_fen < 0 && !bd && !bc) return FB_RESULT_AMOUNT_MUST_BE_GIVEN;
    int d = num(t->debit_account_id, 'a'), c = num(t->credit_account_id, 'a');
    if (d < 0 || d >= N_ACCTS) return FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND;
    if (c < 0 || c >= N_ACCTS) return FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND;
    m_acct *dr = &accts[d], *cr = &accts[c];
    if (dr->ledger != cr->ledger) return FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER;
    if (t->ledger != dr->ledger) return FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS;
    if (dr->flags & FB_ACCOUNT_CLOSED) return FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED;
    if (cr->flags & FB_ACCOUNT_CLOSED) return FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED;
    int64_t amount = t->amount_fen < 0 ? INT64_MAX : t->amount_fen;
    if (bd) {
        __extension__ __int128 room = (__extension__(__int128) dr->cpo) - dr->dpo - dr->dpe;
        if (room < 0) room = 0;
        if (room < amount) amount = (int64_t)room;
    }
    if (bc) {
        __extension__ __int128 room = (__extension__(__int128) cr->dpo) - cr->cpo - cr->cpe;
        if (room < 0) room = 0;
        if (room < amount) amount = (int64_t)room;
    }
    if (pending && adds_over(dr->dpe, amount)) return FB_RESULT_OVERFLOWS_DEBITS_PENDING;
    if (pending && adds_over(cr->cpe, amount)) return FB_RESULT_OVERFLOWS_CREDITS_PENDING;
    if (adds_over(dr->dpo, amount)) return FB_RESULT_OVERFLOWS_DEBITS_POSTED;
    if (adds_over(cr->cpo, amount)) return FB_RESULT_OVERFLOWS_CREDITS_POSTED;
    if (adds3_over(dr->dpe, dr->dpo, amount)) return FB_RESULT_OVERFLOWS_DEBITS;
    if (adds3_over(cr->cpe, cr->cpo, amount)) return FB_RESULT_OVERFLOWS_CREDITS;
    if ((dr->flags & FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS) &&
        dr->dpe + dr->dpo + amount > dr->cpo) {
        return FB_RESULT_EXCEEDS_CREDITS;
    }
    if ((cr->flags & FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS) &&
        cr->cpe + cr->cpo + amount > cr->dpo) {
        return FB_RESULT_EXCEEDS_DEBITS;
    }
    m_touch(x);
    if (pending) {
        dr->dpe += amount;
        cr->cpe += amount;
    } else {
        dr->dpo += amount;
        cr->cpo += amount;
    }
    if (t->flags & FB_TRANSFER_CLOSING_DEBIT) dr->flags |= FB_ACCOUNT_CLOSED;
    if (t->flags & FB_TRANSFER_CLOSING_CREDIT) cr->flags |= FB_ACCOUNT_CLOSED;
    xfers[x].state = M_EXISTS;
    xfers[x].t = *t;
    xfers[x].t.amount_fen = amount;
    xfers[x].status = pending ? FB_PENDING_PENDING : FB_PENDING_NONE;
    *moved = amount;
    return FB_RESULT_CREATED;
}

static bool transient(fb_result r) {
    return r == FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND || r == FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND ||
           r == FB_RESULT_PENDING_TRANSFER_NOT_FOUND || r == FB_RESULT_EXCEEDS_CREDITS ||
           r == FB_RESULT_EXCEEDS_DEBITS || r == FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED ||
           r == FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED;
}

static fb_result m_event(const fb_transfer *t, int64_t *moved) {
    *moved = 0;
    if (t->flags & ~FB_TRANSFER_FLAGS_ALL) return FB_RESULT_RESERVED_FLAG;
    if (!t->id[0]) return FB_RESULT_ID_MUST_NOT_BE_ZERO;
    if (bad_id(t->id)) return FB_RESULT_ID_MALFORMED;
    if (t->amount_fen < -1) return FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE;
    int x = num(t->id, 't');
    if (xfers[x].state == M_FAILED) return FB_RESULT_ID_ALREADY_FAILED;
    bool resolving = t->flags & (FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING);
    if (xfers[x].state == M_EXISTS) {
        const fb_transfer *e = &xfers[x].t;
        bool e_resolving = e->flags & (FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING);
        return resolving && e_resolving ? m_exists_resolve(t, e) : m_exists_single(t, e);
    }
    fb_result r = resolving ? m_resolve(t, x, moved) : m_single(t, x, moved);
    if (transient(r)) xfers[x].state = M_FAILED; /* never touched in the chain: survives it */
    return r;
}

/* Runs a batch through the model with the chain rules, filling results and amounts. */
static void m_batch(const fb_transfer *ev, size_t n, fb_result *res, int64_t *moved) {
    size_t start = 0;
    bool broken = false;
    chain_open = false;
    for (size_t i = 0; i < n; i++) {
        bool linked = ev[i].flags & FB_TRANSFER_LINKED;
        if (linked && !chain_open) {
            chain_open = true;
            start = i;
            memcpy(snap.accts, accts, sizeof accts);
            snap.n = 0;
        }
        moved[i] = 0;
        if (broken) {
            res[i] = FB_RESULT_LINKED_EVENT_FAILED;
        } else if (linked && i == n - 1) {
            res[i] = FB_RESULT_LINKED_EVENT_CHAIN_OPEN;
        } else {
            res[i] = m_event(&ev[i], &moved[i]);
        }
        if (res[i] != FB_RESULT_CREATED && chain_open && !broken) {
            broken = true;
            memcpy(accts, snap.accts, sizeof accts);
            while (snap.n > 0) {
                snap.n--;
                xfers[snap.touched[snap.n]] = snap.before[snap.n];
            }
            for (size_t k = start; k < i; k++) {
                res[k] = FB_RESULT_LINKED_EVENT_FAILED;
                moved[k] = 0;
            }
        }
        if (!linked) chain_open = broken = false;
    }
    chain_open = false;
}

/* ---- The generator ------------------------------------------------------------------------ */

static void acct_id(char *dst, int i) { snprintf(dst, FB_ID_MAX + 1, "a%d", i); }

static fb_transfer *history; /* every event generated, to resubmit some */
static int n_history;

static int64_t random_amount(void) {
    uint32_t k = pick(100);
    if (k < 3) return 0;
    if (k < 6) return FB_AMOUNT_UNSPECIFIED;
    if (k < 9) return -2 - (int64_t)pick(5);
    return 1 + pick(5000);
}

static void random_accounts(fb_transfer *t) {
    /* Mostly the ledger-1 accounts a0..a9; now and then ledger 2 or an id that names nothing. */
    int d = pick(8) ? (int)pick(N_ACCTS - 2) : (int)pick(N_ACCTS + 1);
    int c = pick(8) ? (int)pick(N_ACCTS - 2) : (int)pick(N_ACCTS + 1);
    static const char *const wrong[] = {"zz", "", "bad/", "a9999", "bad id"};
    if (d == N_ACCTS) {
        strcpy(t->debit_account_id, wrong[pick(5)]);
    } else {
        acct_id(t->debit_account_id, d);
    }
    if (c == N_ACCTS) {
        strcpy(t->credit_account_id, wrong[pick(5)]);
    } else {
        acct_id(t->credit_account_id, c);
    }
}

static fb_transfer random_event(void) {
    uint32_t k = pick(100);
    if (k < 8 && n_history > 0) {
        fb_transfer t = history[pick((uint32_t)n_history)];
        switch (pick(10)) {
        case 0: t.amount_fen = 1 + pick(100); break;
        case 1: t.user_data[0] = 0; break;
        case 2: snprintf(t.pending_id, sizeof t.pending_id, "t%u", pick((uint32_t)n_ids)); break;
        case 3: t.timeout_s = t.timeout_s ? 0 : 7200; break; /* never expires in a run */
        case 4: acct_id(t.debit_account_id, (int)pick(N_ACCTS)); break;
        case 5: acct_id(t.credit_account_id, (int)pick(N_ACCTS)); break;
        case 6: t.ledger = 1 + pick(2); break;
        case 7: t.code = (uint16_t)(1 + pick(3)); break;
        default: break; /* the same event again */
        }
        t.flags &= (uint16_t)~FB_TRANSFER_LINKED;
        return t;
    }
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "t%d", n_ids++);
    if (pick(200) == 0) strcpy(t.id, pick(2) ? "" : "bad id");
    t.ledger = pick(20) ? 1 : pick(2) ? 2 : 0;
    t.code = pick(50) ? (uint16_t)(1 + pick(3)) : 0;
    t.amount_fen = random_amount();
    if (pick(4) == 0) snprintf(t.user_data, sizeof t.user_data, "u%u", pick(3));
    if (k < 10) {
        /* Near the top of int64, between the two accounts of ledger 2 only, so that the overflow
         * checks are reached without saturating the accounts everything else uses. */
        int d = N_ACCTS - 1 - (int)pick(2);
        acct_id(t.debit_account_id, d);
        acct_id(t.credit_account_id, d == N_ACCTS - 1 ? N_ACCTS - 2 : N_ACCTS - 1);
        t.ledger = 2;
        t.amount_fen = INT64_MAX / 2 + (int64_t)pick(1000);
        if (pick(2)) t.flags |= FB_TRANSFER_PENDING;
    } else if (k < 60) {
        random_accounts(&t);
        if (pick(30) == 0) t.flags |= FB_TRANSFER_BALANCING_DEBIT;
        if (pick(30) == 0) t.flags |= FB_TRANSFER_BALANCING_CREDIT;
    } else if (k < 78) {
        random_accounts(&t);
        t.flags |= FB_TRANSFER_PENDING;
        t.timeout_s = pick(3) ? 0 : 3600;
        if (pick(20) == 0) {
            /* Closing transfers close a8 or a9 only, so that the rest of the book stays open. */
            int d = 8 + (int)pick(2);
            acct_id(t.debit_account_id, d);
            acct_id(t.credit_account_id, 17 - d);
            t.flags |= pick(2) ? FB_TRANSFER_CLOSING_DEBIT : FB_TRANSFER_CLOSING_CREDIT;
        }
    } else if (k < 97) {
        t.flags |= pick(3) ? FB_TRANSFER_POST_PENDING : FB_TRANSFER_VOID_PENDING;
        /* Mostly a recent transfer, which is likelier still pending. */
        int target = n_ids - 2 - (int)pick(40);
        if (target < 0 || pick(3) == 0) target = (int)pick((uint32_t)n_ids);
        snprintf(t.pending_id, sizeof t.pending_id, "t%d", target);
        t.ledger = pick(10) ? 0 : 1 + pick(2);
        t.code = pick(10) ? 0 : t.code;
        if (pick(3)) t.amount_fen = FB_AMOUNT_UNSPECIFIED;
        if (pick(10) == 0) random_accounts(&t);
    } else {
        /* Shapes that are wrong in themselves. */
        random_accounts(&t);
        t.flags = (uint16_t)pick(1u << 9);
        /* A closing bit stays only where it is itself the mistake (not pending). */
        if (t.flags & FB_TRANSFER_PENDING) {
            t.flags &= (uint16_t) ~(FB_TRANSFER_CLOSING_DEBIT | FB_TRANSFER_CLOSING_CREDIT);
        }
        /* A pending transfer of a shape that happens to be valid must not expire during a run: the
         * replay, later in time, would see it expire elsewhere. */
        t.timeout_s = pick(2) ? 0 : pick(3) ? 7200 : FB_TIMEOUT_MAX_S + 1;
        if (pick(3) == 0) snprintf(t.pending_id, sizeof t.pending_id, "t%u", pick((uint32_t)n_ids));
    }
    if (pick(10) == 0) t.flags |= FB_TRANSFER_LINKED;
    return t;
}

/* ---- The run ------------------------------------------------------------------------------ */

static fb_ledger *L;
static uint64_t seed;

static fb_account setup[N_ACCTS]; /* the accounts as created, for the replay */

static void setup_accounts(void) {
    fb_account *a = setup;
    fb_result r[N_ACCTS];
    for (int i = 0; i < N_ACCTS; i++) {
        memset(&a[i], 0, sizeof a[i]);
        acct_id(a[i].id, i);
        a[i].ledger = i < N_ACCTS - 2 ? 1 : 2;
        a[i].code = 7;
        uint16_t f = 0;
        uint32_t k = i >= N_ACCTS - 2 ? 99 : pick(6); /* the ledger-2 pair has no limits */
        if (k == 0) f = FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS;
        if (k == 1) f = FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS;
        if (pick(3) == 0) f |= FB_ACCOUNT_HISTORY;
        a[i].flags = f;
        accts[i] = (m_acct){.ledger = a[i].ledger, .flags = f};
    }
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(L, a, N_ACCTS, r, NULL));
    for (int i = 0; i < N_ACCTS; i++)
        EXPECT_RESULT(FB_RESULT_CREATED, r[i]);
}

static int compare_accounts(int batch) {
    int bad = 0;
    for (int i = 0; i < N_ACCTS && bad < 5; i++) {
        char id[16];
        acct_id(id, i);
        fb_account a;
        if (fb_ledger_get_account(L, id, &a) != FB_OK) {
            bad++;
            continue;
        }
        m_acct *m = &accts[i];
        if (a.debits_pending_fen != m->dpe || a.debits_posted_fen != m->dpo ||
            a.credits_pending_fen != m->cpe || a.credits_posted_fen != m->cpo ||
            a.flags != m->flags) {
            printf("  batch %d account %s: ledger %lld/%lld/%lld/%lld flags %u, model "
                   "%lld/%lld/%lld/%lld flags %u (seed %llu)\n",
                   batch, id, (long long)a.debits_pending_fen, (long long)a.debits_posted_fen,
                   (long long)a.credits_pending_fen, (long long)a.credits_posted_fen, a.flags,
                   (long long)m->dpe, (long long)m->dpo, (long long)m->cpe, (long long)m->cpo,
                   m->flags, (unsigned long long)seed);
            bad++;
        }
    }
    return bad;
}

static void quiet(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("  verify: %s\n", line);
}

/* Replays the same batches into a fresh book: every result and every balance must come out the
 * same (timestamps differ, nothing else may). */
static void replay_gives_the_same_state(int batches, const int *sizes, const fb_result *results) {
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s", test_book("replay"));
    fb_ledger *r = NULL;
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_CREATE, &r, err, sizeof err));
    if (!r) return;
    fb_result res[BATCH_LIMIT];
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(r, setup, N_ACCTS, res, NULL));
    int at = 0, differ = 0;
    for (int b = 0; b < batches; b++) {
        size_t n = (size_t)sizes[b];
        if (fb_ledger_create_transfers(r, &history[at], n, res, NULL, NULL) != FB_OK) {
            differ++;
            break;
        }
        for (size_t i = 0; i < n; i++)
            differ += res[i] != results[at + (int)i];
        at += (int)n;
    }
    EXPECT_EQ_INT(0, differ);
    for (int i = 0; i < N_ACCTS; i++) {
        fb_account a, b;
        EXPECT_EQ_INT(FB_OK, fb_ledger_get_account(L, setup[i].id, &a));
        EXPECT_EQ_INT(FB_OK, fb_ledger_get_account(r, setup[i].id, &b));
        EXPECT_EQ_INT(a.debits_pending_fen, b.debits_pending_fen);
        EXPECT_EQ_INT(a.debits_posted_fen, b.debits_posted_fen);
        EXPECT_EQ_INT(a.credits_pending_fen, b.credits_pending_fen);
        EXPECT_EQ_INT(a.credits_posted_fen, b.credits_posted_fen);
        EXPECT_EQ_INT(a.flags, b.flags);
    }
    fb_ledger_close(r);
}

static void random_events_match_the_model(void) {
    const char *env = getenv("FB_MODEL_EVENTS");
    int total = env ? atoi(env) : 100000;
    if (total < 1 || total > MAX_EVENTS) total = 100000;
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s", test_book("model"));
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_CREATE, &L, err, sizeof err));
    xfers = calloc((size_t)total + 1, sizeof *xfers);
    history = calloc((size_t)total, sizeof *history);
    setup_accounts();
    static fb_transfer ev[BATCH_LIMIT];
    static fb_result got[BATCH_LIMIT], want[BATCH_LIMIT];
    static int64_t got_amount[BATCH_LIMIT], want_amount[BATCH_LIMIT];
    int done_events = 0, batch = 0, mismatches = 0, created = 0;
    static int seen[FB_RESULT_COUNT_];
    int *batch_sizes = calloc((size_t)total, sizeof *batch_sizes);
    fb_result *results = calloc((size_t)total, sizeof *results);
    while (done_events < total && mismatches < 5) {
        size_t n = 1 + pick(BATCH_LIMIT);
        if (n > (size_t)(total - done_events)) n = (size_t)(total - done_events);
        for (size_t i = 0; i < n; i++) {
            ev[i] = random_event();
            history[n_history++] = ev[i];
        }
        if (fb_ledger_create_transfers(L, ev, n, got, NULL, got_amount) != FB_OK) {
            printf("  batch %d failed: %s (seed %llu)\n", batch, fb_ledger_errmsg(L),
                   (unsigned long long)seed);
            mismatches = 99;
            break;
        }
        memcpy(&results[done_events], got, n * sizeof *got);
        batch_sizes[batch] = (int)n;
        m_batch(ev, n, want, want_amount);
        for (size_t i = 0; i < n && mismatches < 5; i++) {
            created += want[i] == FB_RESULT_CREATED;
            if ((unsigned)want[i] < FB_RESULT_COUNT_) seen[want[i]]++;
            if (got[i] != want[i] ||
                (want[i] == FB_RESULT_CREATED && got_amount[i] != want_amount[i])) {
                printf("  batch %d event %zu (%s): ledger %s %lld, model %s %lld (seed %llu)\n",
                       batch, i, ev[i].id, fb_result_name(got[i]), (long long)got_amount[i],
                       fb_result_name(want[i]), (long long)want_amount[i],
                       (unsigned long long)seed);
                mismatches++;
            }
        }
        mismatches += compare_accounts(batch);
        done_events += (int)n;
        batch++;
    }
    EXPECT_EQ_INT(0, mismatches);
    uint64_t failures = 1;
    EXPECT_EQ_INT(FB_OK, fb_ledger_verify(L, quiet, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
    /* A run that created little would prove little. */
    EXPECT_TRUE(created > total / 10);
    printf("  %d events in %d batches, %d created (seed %llu)\n", done_events, batch, created,
           (unsigned long long)seed);
    int kinds = 0;
    for (int r = 0; r < FB_RESULT_COUNT_; r++)
        kinds += seen[r] > 0;
    printf("  %d of %d result codes reached:", kinds, FB_RESULT_COUNT_);
    for (int r = 0; r < FB_RESULT_COUNT_; r++) {
        if (!seen[r]) printf(" -%s", fb_result_name((fb_result)r));
        if (getenv("FB_MODEL_STATS") && seen[r])
            printf("\n    %s %d", fb_result_name((fb_result)r), seen[r]);
    }
    printf("\n");
    replay_gives_the_same_state(batch, batch_sizes, results);
    fb_ledger_close(L);
    free(xfers);
    free(history);
    free(batch_sizes);
    free(results);
}

int main(void) {
    const char *s = getenv("FB_SEED");
    seed = s ? strtoull(s, NULL, 10) : (uint64_t)time(NULL);
    if (seed == 0) seed = 1;
    rng = seed * 0x9E3779B97F4A7C15ull | 1;
    printf("seed %llu\n", (unsigned long long)seed);
    RUN(random_events_match_the_model);
    return test_summary();
}
