/* cmd_demo.c — `finbridge demo`: a synthetic Liaoning lived day by day. Its fourteen cities;
 * enterprises across the key industries and the rest of the economy, sized in proportions like
 * the real ones (most micro and small); individual businesses; core manufacturers whose
 * certificates pass down three or four tiers of suppliers; the province's major projects; a
 * three-year cooperation agreement. Then every day: facilities approved, loans drawn and repaid,
 * some borrowers late and some defaulting (written off once loss), certificates issued, passed
 * down, financed and paid, and end of day. The same seed gives the same books. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "core/assert.h"
#include "wire/query.h"

typedef struct {
    uint64_t s;
} rng;

static uint64_t next(rng *r) { /* xorshift64* */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static int64_t pick(rng *r, int64_t n) { return (int64_t)(next(r) % (uint64_t)n); }

/* Shares of enterprises by city (fb_region_cities' order), in per mille: Shenyang and Dalian
 * hold most. */
static const int city_weight[14] = {300, 300, 60, 30, 30, 30, 40, 50, 25, 25, 25, 30, 25, 30};
_Static_assert(sizeof city_weight / sizeof city_weight[0] == 14, "a weight for each city");

/* Liaoning's city i, 0..13. */
static int32_t city_at(size_t i) {
    size_t n = 0;
    const int32_t *cities = fb_region_cities(&n);
    FB_ASSERT(n == sizeof city_weight / sizeof city_weight[0] && i < n);
    return cities[i];
}
static const int key_classes[] = {3421, 3422, 3425, 3491, 3741, 3743, 3973, 3511,
                                  3441, 2511, 2614, 2651, 3110, 3130, 3240};
static const int other_classes[] = {1310, 1371, 1830, 2922, 3670, 3811, 4812, 5121,
                                    5211, 5274, 6210, 6510, 7211, 5411, 3312};

typedef struct {
    char id[24];
    bool individual, core, big;
    int behaviour; /* 0 pays, 1 late, 2 defaults */
    int city;
    int64_t loan_count;
} person;

typedef struct {
    fb_book *book;
    rng r;
    person *p;
    size_t np;
    size_t cores, enterprises; /* parties 0..cores-1 are cores; then enterprises, individuals */
    int32_t day;
    demo_schemes *ds;
    int64_t loans, repaid_late, written_off, certificates, financed;
    char supplier[24]; /* the last supplier to receive a part: a login for the enterprise view */
    char reason[512];
} province;

static int32_t city_of(rng *r) {
    int64_t x = pick(r, 1000), acc = 0;
    for (size_t i = 0; i < 14; i++) {
        acc += city_weight[i];
        if (x < acc) return city_at(i);
    }
    return city_at(0);
}

static void code(const char *first17, char *out) {
    fb_uscc_info info;
    char tmp[19];
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(out, 19, "%s%c", first17, info.expected_check);
}

/* Money moves between a deposit account and the rest of the economy (ext:market). */
static int move(province *pv, const char *party, int64_t amount, bool in) {
    static uint64_t seq;
    if (amount <= 0) return FB_OK;
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "mkt:%llu", (unsigned long long)++seq);
    char dep[FB_ID_MAX + 1];
    snprintf(dep, sizeof dep, "dep:%s", party);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "%s", in ? "ext:market" : dep);
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "%s", in ? dep : "ext:market");
    t.amount_fen = amount;
    t.ledger = 1;
    t.code = 9001;
    fb_result res;
    int rc = fb_ledger_create_transfers(fb_book_ledger(pv->book), &t, 1, &res, NULL, NULL);
    return rc ? rc : res == FB_RESULT_CREATED ? FB_OK : FB_EINVAL;
}

static int make_parties(province *pv, size_t enterprises) {
    size_t cores = enterprises / 200 < 3 ? 3 : enterprises / 200;
    size_t individuals = enterprises / 2;
    pv->cores = cores;
    pv->enterprises = enterprises;
    pv->np = enterprises + individuals;
    pv->p = calloc(pv->np, sizeof *pv->p);
    fb_party *batch = calloc(FB_PARTY_BATCH_MAX, sizeof *batch);
    fb_party_outcome *o = calloc(FB_PARTY_BATCH_MAX, sizeof *o);
    if (!pv->p || !batch || !o) {
        free(batch); /* pv->p is the caller's to free, as on success */
        free(o);
        return FB_ENOMEM;
    }
    int rc = FB_OK;
    size_t k = 0;
    for (size_t i = 0; rc == FB_OK && i < pv->np; i++) {
        person *me = &pv->p[i];
        me->individual = i >= enterprises;
        me->core = i < cores;
        int64_t x = pick(&pv->r, 100);
        me->behaviour = me->core ? 0 : x < 90 ? 0 : x < 97 ? 1 : 2;
        me->city = city_of(&pv->r);
        snprintf(me->id, sizeof me->id, "%s%06u",
                 me->individual ? "ib"
                 : me->core     ? "core"
                                : "ent",
                 (unsigned)(i % 1000000));
        fb_party *p = &batch[k++];
        memset(p, 0, sizeof *p);
        snprintf(p->id, sizeof p->id, "%s", me->id);
        p->kind = me->individual ? FB_PARTY_INDIVIDUAL_BUSINESS : FB_PARTY_ENTERPRISE;
        char first17[18], wide[64];
        snprintf(wide, sizeof wide, "%s%06dMA%07u", me->individual ? "92" : "91", me->city + 2,
                 (unsigned)(i % 10000000));
        memcpy(first17, wide, 17);
        first17[17] = 0;
        code(first17, p->uscc);
        p->region = me->city + 2;
        bool key = me->core || pick(&pv->r, 100) < 35;
        p->industry =
            key ? key_classes[pick(&pv->r, sizeof key_classes / sizeof key_classes[0])]
                : other_classes[pick(&pv->r, sizeof other_classes / sizeof other_classes[0])];
        snprintf(p->name, sizeof p->name, "%s%s%06u", me->individual ? "个体工商户" : "企业",
                 me->core ? "集团" : "", (unsigned)(i % 1000000));
        if (!me->individual) {
            /* Most firms are micro or small; a few medium; the cores large. */
            int64_t size = me->core                 ? 4
                           : pick(&pv->r, 100) < 65 ? 1
                           : pick(&pv->r, 100) < 80 ? 2
                                                    : 3;
            int32_t staff = (int32_t)(size == 4   ? 3000 + pick(&pv->r, 5000)
                                      : size == 3 ? 300 + pick(&pv->r, 600)
                                      : size == 2 ? 20 + pick(&pv->r, 250)
                                                  : 1 + pick(&pv->r, 18));
            int64_t revenue = (size == 4   ? 2000000000
                               : size == 3 ? 200000000
                               : size == 2 ? 20000000
                                           : 2000000) +
                              pick(&pv->r, size == 4 ? 3000000000 : 50000000);
            p->figures = (fb_firm_figures){staff, revenue * 100, revenue * 100};
            me->big = size >= 3;
            if (key && pick(&pv->r, 100) < 20) p->flags |= FB_PARTY_HIGH_TECH;
        }
        const char *field = NULL;
        char reason[200];
        if (fb_party_prepare(p, &field, reason, sizeof reason)) {
            snprintf(pv->reason, sizeof pv->reason, "party %s: %s %s", p->id, field, reason);
            rc = FB_EINVAL; /* the loop stops; batch and o are freed below */
        } else if (k == FB_PARTY_BATCH_MAX || i + 1 == pv->np) {
            rc = fb_parties_create(pv->book, batch, k, o);
            k = 0;
        }
    }
    free(batch);
    free(o);
    return rc;
}

/* A day's plans: facilities to approve, loans to draw, borrowers paid back their money. */
typedef struct {
    int32_t day;
    int kind; /* 0 facility, 1 loan, 2 refund */
    size_t who;
    int64_t amount;
} plan;

static int by_day(const void *a, const void *b) {
    const plan *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->kind != y->kind) return x->kind - y->kind;
    return x->who < y->who ? -1 : x->who > y->who;
}

static int64_t limit_of(const person *me, rng *r) {
    if (me->individual) return 10000000 + pick(r, 40000000);    /* 100,000 to 500,000 yuan */
    if (me->core) return 5000000000LL + pick(r, 15000000000LL); /* 50 to 200 million */
    if (me->big) return 1000000000 + pick(r, 4000000000LL);     /* 10 to 50 million */
    return 20000000 + pick(r, 600000000);                       /* 200,000 to 6.2 million */
}

static int approve(province *pv, size_t who, int64_t limit) {
    person *me = &pv->p[who];
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "fac-%s", me->id);
    snprintf(f.party, sizeof f.party, "%s", me->id);
    f.line = me->core  ? FB_LINE_SUPPLY_CHAIN
             : me->big ? (pick(&pv->r, 100) < 50 ? FB_LINE_TECHNOLOGY : FB_LINE_GENERAL)
             : pick(&pv->r, 100) < 8 ? FB_LINE_GREEN
                                     : FB_LINE_INCLUSIVE;
    if (f.line == FB_LINE_GREEN) snprintf(f.green_item, sizeof f.green_item, "3.2.1");
    if (me->big && !me->individual) {
        snprintf(f.project, sizeof f.project, "prj-%d-1", me->city);
    }
    f.limit_fen = limit;
    f.start_date = pv->day;
    f.end_date = pv->day + 3 * 365;
    f.revolving = true;
    const char *field = NULL;
    char reason[200];
    if (fb_facility_check(&f, &field, reason, sizeof reason)) {
        snprintf(pv->reason, sizeof pv->reason, "facility %s: %s %s", f.id, field, reason);
        return FB_EINVAL;
    }
    fb_facility_outcome o;
    int rc = fb_facilities_create(pv->book, &f, 1, &o);
    /* A borrower outside the inclusive scope gets a general line instead. */
    if (rc == FB_OK && o.result == FB_FACILITY_NOT_INCLUSIVE) {
        f.line = FB_LINE_GENERAL;
        rc = fb_facilities_create(pv->book, &f, 1, &o);
    }
    return rc;
}

static int draw(province *pv, size_t who, plan *refunds, size_t *n_refunds, int32_t end) {
    person *me = &pv->p[who];
    fb_facility f;
    char fac[FB_ID_MAX + 1];
    snprintf(fac, sizeof fac, "fac-%s", me->id);
    if (fb_facility_get(pv->book, fac, &f) != FB_OK) return FB_OK;
    int64_t available = 0;
    if (fb_facility_limits(pv->book, &f, &available, NULL)) return FB_OK;
    int64_t amount = f.limit_fen / 4 + pick(&pv->r, f.limit_fen / 12 + 1);
    amount -= amount % 100000; /* whole thousands of yuan */
    if (amount <= 0 || amount > available) return FB_OK;
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "ln-%s-%lld", me->id, (long long)++me->loan_count);
    snprintf(x.facility, sizeof x.facility, "fac-%.40s", me->id);
    static const int months[] = {6, 12, 12, 24, 36};
    fb_method method = (fb_method)pick(&pv->r, FB_METHOD_COUNT_);
    int32_t m = months[pick(&pv->r, 5)];
    if (method == FB_METHOD_BULLET) m = 6 + (int32_t)pick(&pv->r, 7);
    bool lpr = pick(&pv->r, 100) < 60;
    x.terms = (fb_loan_terms){
        amount, lpr ? 0 : 30000 + pick(&pv->r, 15000), m, method, pv->day, 0, FB_DAYCOUNT_ACT360};
    x.rate_kind = lpr ? FB_RATE_LPR : FB_RATE_FIXED;
    x.spread_bp = lpr ? (int32_t)pick(&pv->r, 120) - 20 : 0;
    x.penalty_markup_pct = 50;
    const char *field = NULL;
    char reason[200];
    if (fb_loan_check(&x, &field, reason, sizeof reason)) {
        snprintf(pv->reason, sizeof pv->reason, "loan %s: %s %s", x.id, field, reason);
        return FB_EINVAL;
    }
    fb_loan_outcome o;
    int rc = fb_loans_create(pv->book, &x, 1, &o);
    if (rc || o.result != FB_LOAN_CREATED) return rc;
    pv->loans++;
    demo_schemes_loan(pv->ds, x.id, me->city, f.line, me->individual, me->behaviour != 0);
    /* A good payer keeps the money and earns the interest; a late one spends it and is paid
     * back months after its first installment; a defaulter spends it and never is. */
    int64_t interest = amount * x.terms.rate_e6 / 1000000 * m / 12 + amount / 50;
    if (me->behaviour == 0) return move(pv, me->id, interest, true);
    rc = move(pv, me->id, amount, false);
    if (rc == FB_OK && me->behaviour == 1 && *n_refunds < 200000) {
        int32_t back = pv->day + 45 + (int32_t)pick(&pv->r, 150);
        if (back < end) refunds[(*n_refunds)++] = (plan){back, 2, who, amount + interest};
    }
    return rc;
}

/* A core pays its suppliers with a certificate that passes down the chain; parts are financed. */
static int certificates(province *pv, size_t core) {
    person *me = &pv->p[core];
    /* Suppliers: enterprises that are not cores (a core never holds its own certificate). */
    size_t tier[4];
    for (int t = 0; t < 4; t++)
        tier[t] = pv->cores + (size_t)pick(&pv->r, (int64_t)(pv->enterprises - pv->cores));
    fb_cert_issue v;
    memset(&v, 0, sizeof v);
    int year, month, mday;
    fb_date_to_ymd(pv->day, &year, &month, &mday);
    snprintf(v.id, sizeof v.id, "yx-%s-%04d%02d", me->id, year % 10000, month % 100);
    snprintf(v.core, sizeof v.core, "%s", me->id);
    snprintf(v.holder, sizeof v.holder, "%s", pv->p[tier[0]].id);
    v.face_fen = 100000000 + pick(&pv->r, 400000000);
    v.issue_date = pv->day;
    v.maturity = pv->day + 90 + (int32_t)pick(&pv->r, 90);
    fb_cert_outcome o;
    int rc = fb_certs_issue(pv->book, &v, 1, &o);
    if (rc || o.result != FB_CERT_DONE) return rc;
    pv->certificates++;
    rc = move(pv, me->id, v.face_fen, true); /* the core will pay at maturity */
    char part[FB_CERT_ID_MAX + 1];
    snprintf(part, sizeof part, "%s", v.id);
    int64_t held = v.face_fen;
    int depth = 3 + (int)pick(&pv->r, 2); /* three or four tiers */
    for (int t = 1; rc == FB_OK && t < depth; t++) {
        if (strcmp(pv->p[tier[t]].id, pv->p[tier[t - 1]].id) == 0) break;
        fb_cert_move m;
        memset(&m, 0, sizeof m);
        snprintf(m.part, sizeof m.part, "%s", part);
        snprintf(m.id, sizeof m.id, "%.40s.%c", v.id, (char)('0' + t));
        snprintf(m.to, sizeof m.to, "%s", pv->p[tier[t]].id);
        m.amount_fen = held / 2;
        m.date = pv->day;
        rc = fb_certs_transfer(pv->book, &m, 1, &o);
        if (rc || o.result != FB_CERT_DONE) break;
        snprintf(part, sizeof part, "%s", m.id);
        snprintf(pv->supplier, sizeof pv->supplier, "%.23s", m.to);
        held = m.amount_fen;
        if (pick(&pv->r, 100) < 40) { /* this tier sells a part to the bank */
            fb_cert_move fm = m;
            snprintf(fm.part, sizeof fm.part, "%s", m.id);
            snprintf(fm.id, sizeof fm.id, "%.44s.f", m.id);
            fm.to[0] = 0;
            fm.amount_fen = held / 2;
            fm.discount_rate_e6 = 25000 + pick(&pv->r, 10000);
            rc = fb_certs_finance(pv->book, &fm, 1, &o);
            if (rc == FB_OK && o.result == FB_CERT_DONE) {
                pv->financed++;
                held -= fm.amount_fen;
            }
        }
    }
    return rc;
}

static int write_off_losses(province *pv) {
    for (size_t i = 0; i < pv->np; i++) {
        person *me = &pv->p[i];
        for (int64_t k = 1; me->behaviour == 2 && k <= me->loan_count; k++) {
            fb_repayment w;
            memset(&w, 0, sizeof w);
            snprintf(w.loan, sizeof w.loan, "ln-%s-%lld", me->id, (long long)k);
            fb_loan_position p;
            if (fb_loan_position_get(pv->book, w.loan, &p) || p.status != FB_LOAN_ACTIVE ||
                p.loan_class != FB_CLASS_LOSS) {
                continue;
            }
            fb_repay_result res;
            int rc = fb_loan_write_off(pv->book, &w, &res);
            if (rc) return rc;
            pv->written_off += res == FB_REPAY_DONE;
        }
    }
    return FB_OK;
}

static int projects_and_agreement(province *pv, size_t enterprises) {
    fb_project pr[14];
    fb_project_result res[14];
    for (int i = 0; i < 14; i++) {
        memset(&pr[i], 0, sizeof pr[i]);
        int32_t city = city_at((size_t)i);
        snprintf(pr[i].id, sizeof pr[i].id, "prj-%d-1", (int)city);
        snprintf(pr[i].name, sizeof pr[i].name, "%s重大产业项目", fb_region_name_zh(city));
        pr[i].city = city;
        pr[i].industry = key_classes[(size_t)i % (sizeof key_classes / sizeof key_classes[0])];
        pr[i].total_investment_fen = (100000 + pick(&pv->r, 900000)) * 1000000LL;
        pr[i].financing_need_fen = pr[i].total_investment_fen / 3;
        pr[i].status = FB_PROJECT_UNDER_CONSTRUCTION;
        pr[i].start_date = pv->day;
    }
    int rc = fb_projects_create(pv->book, pr, 14, res);
    fb_agreement *a = calloc(1, sizeof *a);
    if (rc || !a) {
        free(a);
        return rc ? rc : FB_ENOMEM;
    }
    snprintf(a->id, sizeof a->id, "LN-COOP-%d", 2025);
    snprintf(a->bank, sizeof a->bank, "某国有大型银行辽宁省分行");
    a->region = 210000;
    a->start_date = pv->day;
    a->end_date = pv->day + 3 * 365 - 1;
    int64_t n = (int64_t)enterprises;
    const fb_target t[] = {
        {FB_MEASURE_NEW_CREDIT, "", n * 600000000LL},
        {FB_MEASURE_NEW_CREDIT, "line:technology", n * 130000000LL},
        {FB_MEASURE_NEW_CREDIT, "line:inclusive", n * 250000000LL},
        {FB_MEASURE_NEW_CREDIT, "chain:machine_tools", n * 60000000LL},
        {FB_MEASURE_NEW_CREDIT, "city:210200", n * 190000000LL},
        {FB_MEASURE_INCLUSIVE_BORROWERS, "", n * 13 / 10},
        {FB_MEASURE_INCLUSIVE_BALANCE, "", n * 90000000LL},
        {FB_MEASURE_GREEN_BALANCE, "", n * 7000000LL},
        {FB_MEASURE_SUPPLY_CHAIN_FINANCING, "", n * 7000000LL},
        {FB_MEASURE_INCLUSIVE_RATE_MAX, "", 45000},
        {FB_MEASURE_NPL_RATIO_MAX, "", 30000},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        a->targets[a->n_targets++] = t[i];
    bool exists = false;
    rc = fb_agreement_create(pv->book, a, &exists);
    free(a);
    return rc;
}

/* A whole number option within [lo, hi]; absent leaves *out as it is. */
static bool whole(const char *text, const char *name, long long lo, long long hi, long long *out) {
    if (!text) return true;
    int64_t v = 0;
    const char *why = NULL;
    if (fb_query_int(text, lo, hi, &v, &why)) {
        fprintf(stderr, "finbridge demo: %s: must be a whole number from %lld to %lld, not '%s'\n",
                name, lo, hi, text);
        return false;
    }
    *out = v;
    return true;
}

int cmd_demo(int argc, char **argv) {
    static const char *const extra[] = {"--enterprises", "--years", "--seed", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge demo --db PATH [--enterprises N] [--years Y] [--seed S]", &o)) {
        return CLI_ERROR;
    }
    long long enterprises = 2000, years = 3, seed = 20250101;
    if (!whole(o.extra[0], "--enterprises", 20, 1000000, &enterprises) ||
        !whole(o.extra[1], "--years", 1, 10, &years) ||
        !whole(o.extra[2], "--seed", 0, INT64_MAX, &seed)) {
        return CLI_ERROR;
    }
    if (access(o.db, F_OK) == 0) {
        fprintf(stderr, "finbridge demo: %s exists: the demo builds a new book\n", o.db);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_CREATE);
    if (!book) return CLI_ERROR;
    province pv;
    memset(&pv, 0, sizeof pv);
    pv.book = book;
    pv.r.s = (uint64_t)seed * 2654435761ULL + 1;
    int32_t start = fb_date_from_ymd(2025, 1, 1), end = start + (int32_t)(365 * years) - 1;
    pv.day = start;
    fb_account market;
    memset(&market, 0, sizeof market);
    snprintf(market.id, sizeof market.id, "ext:market");
    market.ledger = 1;
    market.code = 9001;
    fb_result res;
    /* The demo's province lives years ahead of the calendar: its book is marked a simulation,
     * and its demands count Monday to Friday in the years without a shipped holiday notice. */
    int rc = fb_setting_set(book, "simulation", 1);
    if (rc == FB_OK) rc = fb_setting_set(book, "calendar_assume_weekdays", 1);
    demo_demands *dd = rc == FB_OK ? demo_demands_new(book, (uint64_t)seed, start, end) : NULL;
    if (rc == FB_OK && !dd) rc = FB_ENOMEM;
    pv.ds = rc == FB_OK ? demo_schemes_new(book, (uint64_t)seed, (int64_t)enterprises) : NULL;
    if (rc == FB_OK && !pv.ds) rc = FB_ENOMEM;
    if (rc == FB_OK) rc = fb_ledger_create_accounts(fb_book_ledger(book), &market, 1, &res, NULL);
    if (rc == FB_OK) rc = fb_book_begin(book);
    if (rc == FB_OK) rc = make_parties(&pv, (size_t)enterprises);
    if (rc == FB_OK) rc = projects_and_agreement(&pv, (size_t)enterprises);
    if (rc == FB_OK) rc = demo_demands_agreement(book, start, start + 3 * 365 - 1);
    if (rc == FB_OK) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    /* Each party: its approval, and a drawdown every 240 to 420 days after it at most. */
    size_t cap = pv.np * (3 + (size_t)years * 365 / 240), n = 0, n_refunds = 0;
    plan *plans = NULL, *refunds = NULL;
    if (rc == FB_OK) { /* then the parties are made: pv.np > 0 */
        FB_ASSERT(cap > 0);
        plans = calloc(cap, sizeof *plans);
        refunds = calloc(200000, sizeof *refunds);
        if (!plans || !refunds) rc = FB_ENOMEM;
    }
    for (size_t i = 0; rc == FB_OK && i < pv.np; i++) {
        int32_t approve_day = start + (int32_t)pick(&pv.r, 180);
        plans[n++] = (plan){approve_day, 0, i, limit_of(&pv.p[i], &pv.r)};
        demo_demands_party(dd, pv.p[i].id, pv.p[i].city, pv.p[i].big || pv.p[i].core,
                           pv.p[i].individual, approve_day);
        for (int32_t d = approve_day + (int32_t)pick(&pv.r, 60); d <= end && n < cap;
             d += 240 + (int32_t)pick(&pv.r, 180)) {
            plans[n++] = (plan){d, 1, i, 0};
        }
    }
    if (rc == FB_OK) qsort(plans, n, sizeof *plans, by_day);
    size_t at = 0;
    bool tty = isatty(STDERR_FILENO) != 0;
    for (; rc == FB_OK && pv.day <= end; pv.day++) {
        /* The day's business commits as one unit of work, then end of day closes it. */
        rc = fb_book_begin(book);
        for (; rc == FB_OK && at < n && plans[at].day == pv.day; at++) {
            rc = plans[at].kind == 0 ? approve(&pv, plans[at].who, plans[at].amount)
                                     : draw(&pv, plans[at].who, refunds, &n_refunds, end);
        }
        for (size_t i = 0; rc == FB_OK && i < n_refunds; i++) {
            if (refunds[i].day == pv.day) {
                rc = move(&pv, pv.p[refunds[i].who].id, refunds[i].amount, true);
                pv.repaid_late++;
            }
        }
        int y, m, d;
        fb_date_to_ymd(pv.day, &y, &m, &d);
        for (size_t i = 0; rc == FB_OK && d == 1 && i < pv.np && pv.p[i].core; i++)
            rc = certificates(&pv, i);
        if (rc == FB_OK && (pv.day - start) % 30 == 29) rc = write_off_losses(&pv);
        if (rc == FB_OK) rc = demo_demands_day(dd, pv.day);
        if (rc == FB_OK) rc = demo_schemes_day(pv.ds, pv.day);
        if (rc == FB_OK) {
            rc = fb_book_commit(book);
        } else {
            fb_book_rollback(book);
        }
        if (rc == FB_OK) rc = demo_schemes_after(pv.ds, pv.day);
        int32_t closed = 0;
        if (rc == FB_OK) rc = fb_eod_run(book, pv.day, NULL, &closed);
        if (rc == FB_OK && (d == 1 || pv.day == end)) {
            char date[11];
            fprintf(stderr, "%sdemo: %s, %lld loans, %lld certificates, %lld written off%s",
                    tty ? "\r" : "", fb_date_format(pv.day, date), (long long)pv.loans,
                    (long long)pv.certificates, (long long)pv.written_off,
                    tty && pv.day != end ? "" : "\n");
        }
    }
    if (rc) {
        fprintf(stderr, "\nfinbridge demo: %s\n", pv.reason[0] ? pv.reason : fb_book_errmsg(book));
    } else {
        json_t *j = json_object();
        char date[11];
        json_object_set_new(j, "parties", json_integer((json_int_t)pv.np));
        json_object_set_new(j, "loans", json_integer(pv.loans));
        json_object_set_new(j, "paid_late", json_integer(pv.repaid_late));
        json_object_set_new(j, "written_off", json_integer(pv.written_off));
        json_object_set_new(j, "certificates", json_integer(pv.certificates));
        json_object_set_new(j, "financed", json_integer(pv.financed));
        json_object_set_new(j, "business_date", json_string(fb_date_format(end + 1, date)));
        json_object_set_new(j, "agreement", json_string("LN-COOP-2025"));
        json_object_set_new(j, "supplier", json_string(pv.supplier));
        json_object_set_new(j, "demands", json_integer(demo_demands_posted(dd)));
        json_object_set_new(j, "demands_granted", json_integer(demo_demands_granted(dd)));
        demo_schemes_summary(pv.ds, j);
        cli_print_json(stdout, j);
    }
    free(plans);
    free(refunds);
    free(pv.p);
    demo_demands_free(dd);
    demo_schemes_free(pv.ds);
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}
