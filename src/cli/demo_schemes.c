/* demo_schemes.c — the synthetic province's schemes (docs/schemes.md), for `finbridge demo`: the
 * province funds a risk-compensation pool (风险补偿资金池: 100,000 yuan an enterprise, 2 亿 for
 * the default 2,000; 10x leverage, 50% of the principal lost) covering small-micro inclusive
 * loans, and Dalian one of its own for its city; the province pays one percentage point a year
 * for two years on technology loans (财政贴息, a budget of 7,500 yuan an enterprise; the bank
 * claims each quarter, the province decides every line, rejects a few, and pays); the
 * province's guarantee company (政府性融资担保) guarantees one in three small-micro inclusive
 * loans of enterprises under the 4:2:2:2 split, and the pools cover one in three of everyone's.
 * The demo's late payers and defaulters make the claims, the guarantors' payments (代偿) and the
 * recoveries shared back. Every act is the book's own, made on the day it happens: coverage,
 * enrolment and guarantees inside the day's unit of work (checked first: a refusal would undo the
 * day), the claims, decisions, payments and share-backs after it, each in its own unit (a refusal
 * there writes nothing and is counted). Its own random numbers from the demo's seed, so that the
 * rest of the demo is what it was. */
#include <stdlib.h>
#include <string.h>

#include "cli/demo.h"
#include "core/assert.h"

/* A loan's state in the schemes; SHARED: all a recovery may give back went back (a share-back was
 * refused as nothing_recovered), so none is asked again. */
enum {
    COVERED = 1,
    GUARANTEED = 2,
    ENROLLED = 4,
    CLAIMED = 8,
    IN_DALIAN = 16,
    SHARED = 32,
    TO_COVER = 64, /* drawn today, to be covered at the day's end */
    SETTLED = 128  /* repaid in full: nothing to claim any more */
};

typedef struct {
    char id[FB_ID_MAX + 1];
    int32_t city;
    uint8_t line, flags, paid; /* paid: guarantors who paid, a bit per fb_guarantor */
    bool individual, bad; /* a late payer or a defaulter: the only ones whose loans may default */
    int32_t claimed;      /* the day claimed (pool or guarantee) */
    int64_t exposure;     /* at the claim, then at the last share-back */
} loan;

struct demo_schemes {
    fb_book *book;
    uint64_t r;
    int64_t enterprises;
    bool made;
    loan *l;
    size_t n, cap, today; /* today: the first loan drawn today */
    int64_t covered, enrolled, guaranteed, pool_claims, subsidy_claims, guarantee_claims,
        guarantor_payments, pool_returns, guarantee_returns, refused;
    int64_t budget_left;                  /* the subsidy's, less what today's enrolments may earn */
    char subsidised[FB_PARTY_ID_MAX + 1]; /* the first enrolled loan's borrower: a login */
};

static const fb_user province = {"demo-government", FB_ROLE_GOVERNMENT, "", 210000};
static const fb_user dalian = {"demo-government", FB_ROLE_GOVERNMENT, "", 210200};

static uint64_t next(demo_schemes *ds) { /* xorshift64* */
    ds->r ^= ds->r >> 12;
    ds->r ^= ds->r << 25;
    ds->r ^= ds->r >> 27;
    return ds->r * 2685821657736338717ULL;
}

demo_schemes *demo_schemes_new(fb_book *book, uint64_t seed, int64_t enterprises) {
    FB_ASSERT(book != NULL && enterprises > 0);
    demo_schemes *ds = calloc(1, sizeof *ds);
    if (!ds) return NULL;
    ds->book = book;
    ds->r = seed * 0x9E3779B97F4A7C15ULL + 1313;
    ds->enterprises = enterprises;
    FB_ASSERT(ds->r != 0 || seed != 0);
    return ds;
}

void demo_schemes_free(demo_schemes *ds) {
    if (!ds) return;
    free(ds->l);
    free(ds);
}

void demo_schemes_loan(demo_schemes *ds, const char *id, int32_t city, fb_line line,
                       bool individual, bool bad) {
    FB_ASSERT(ds != NULL && id != NULL);
    if (line != FB_LINE_INCLUSIVE && line != FB_LINE_TECHNOLOGY) return;
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 1024;
        loan *more = realloc(ds->l, cap * sizeof *more);
        if (!more) return; /* the loan is simply not in a scheme */
        ds->l = more;
        ds->cap = cap;
    }
    loan *l = memset(&ds->l[ds->n++], 0, sizeof *ds->l);
    snprintf(l->id, sizeof l->id, "%s", id);
    l->city = city;
    l->line = (uint8_t)line;
    l->individual = individual;
    l->bad = bad;
}

/* The guarantee company: a party of the book, a Shenyang enterprise. */
#define COMPANY "gua-liaoning"

static int company(demo_schemes *ds) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", COMPANY);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "辽宁省融资担保集团有限公司");
    snprintf(p.uscc, sizeof p.uscc, "91210100MA0GUA0013");
    p.region = 210102;
    p.industry = 6999;
    p.figures = (fb_firm_figures){420, 30000000000LL, 2000000000000LL};
    fb_uscc_info info;
    fb_uscc_check(p.uscc, 18, &info);
    p.uscc[17] = info.expected_check;
    const char *field = NULL;
    char reason[200];
    if (fb_party_prepare(&p, &field, reason, sizeof reason)) return FB_EINVAL;
    fb_party_outcome o;
    return fb_parties_create(ds->book, &p, 1, &o);
}

/* A pool of region funded with fund_fen, covering inclusive loans. */
static int pool(demo_schemes *ds, const char *id, const char *name, const fb_user *gov,
                int64_t fund_fen) {
    fb_pool p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    snprintf(p.name, sizeof p.name, "%s", name);
    p.region = gov->region;
    p.lines = 1u << FB_LINE_INCLUSIVE;
    p.leverage = 10;
    p.share_e6 = 500000;
    p.overdue_days = 60; /* claimed at 60 days past due, as some provinces' pools allow */
    fb_pool_outcome o;
    int rc = fb_pool_create(ds->book, gov, &p, &o);
    if (rc || o.result != FB_POOL_DONE) return rc ? rc : FB_EINVAL;
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.pool, sizeof a.pool, "%s", id);
    a.kind = FB_POOL_FUND;
    snprintf(a.id, sizeof a.id, "pf-%s-1", id);
    a.amount_fen = fund_fen;
    rc = fb_pool_act_make(ds->book, gov, &a, &o);
    return rc ? rc : o.result == FB_POOL_DONE ? FB_OK : FB_EINVAL;
}

/* The schemes, on the first day the book has a business date. */
static int make(demo_schemes *ds) {
    /* The province's guarantee agreements let the bank claim at 60 days past due, as its pools. */
    int rc = fb_setting_set(ds->book, "guarantee_default_days", 60);
    if (rc == FB_OK) rc = company(ds);
    if (rc == FB_OK) {
        rc = pool(ds, "LN-RCP-2025", "辽宁省小微企业贷款风险补偿资金池", &province,
                  ds->enterprises * 10000000);
    }
    if (rc == FB_OK) {
        rc = pool(ds, "DL-RCP-2025", "大连市普惠小微贷款风险补偿资金池", &dalian,
                  ds->enterprises * 1000000);
    }
    fb_subsidy v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "LN-SUB-2025");
    snprintf(v.name, sizeof v.name, "辽宁省设备更新和技术改造贷款财政贴息");
    v.region = 210000;
    v.lines = 1u << FB_LINE_TECHNOLOGY;
    v.mode = FB_SUBSIDY_DEPOSIT;
    v.points_e6 = 10000; /* one percentage point a year */
    v.months = 24;
    v.budget_fen = ds->enterprises * 750000;
    fb_subsidy_outcome so;
    if (rc == FB_OK) rc = fb_subsidy_create(ds->book, &province, &v, &so);
    if (rc == FB_OK && so.result != FB_SUBSIDY_DONE) rc = FB_EINVAL;
    ds->budget_left = v.budget_fen;
    ds->made = rc == FB_OK;
    return rc;
}

/* What a loan of principal may earn over the subsidy's term, at most (the book counts the days
 * of the term on the setting subsidy_year_days: 744 days over 360 is more than it can be). */
static int64_t may_earn(int64_t principal_fen) {
    return principal_fen / 1000000 * 10000 * 744 / 360 + 10000 * 744 / 360 + 1;
}

static int enrol(demo_schemes *ds, loan *l, const fb_loan_position *p) {
    if (may_earn(p->principal_fen) > ds->budget_left) return FB_OK; /* the budget is spent */
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "LN-SUB-2025");
    a.kind = FB_SUBSIDY_ENROL;
    snprintf(a.loan, sizeof a.loan, "%s", l->id);
    fb_subsidy_outcome o;
    int rc = fb_subsidy_act_make(ds->book, NULL, &a, &o);
    if (rc == FB_OK && o.result == FB_SUBSIDY_DONE) {
        ds->budget_left -= may_earn(p->principal_fen);
        ds->enrolled++;
        l->flags |= ENROLLED;
        fb_loan x;
        if (!ds->subsidised[0] && fb_loan_get(ds->book, l->id, &x) == FB_OK)
            snprintf(ds->subsidised, sizeof ds->subsidised, "%s", x.party);
    }
    return rc;
}

static int guarantee(demo_schemes *ds, loan *l) {
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "g-%.40s", l->id);
    snprintf(g.loan, sizeof g.loan, "%s", l->id);
    snprintf(g.company, sizeof g.company, "%s", COMPANY);
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int rc = fb_guarantee_create(ds->book, &g, &res);
    if (rc == FB_OK && res == FB_GUARANTEE_DONE) {
        ds->guaranteed++;
        l->flags |= GUARANTEED;
    }
    return rc;
}

/* Covers l under the pool id (the caller checked its room: the book never refuses it). */
static int cover(demo_schemes *ds, loan *l, const char *id, int64_t principal, int64_t *room) {
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.pool, sizeof a.pool, "%s", id);
    a.kind = FB_POOL_COVER;
    snprintf(a.loan, sizeof a.loan, "%s", l->id);
    fb_pool_outcome o;
    int rc = fb_pool_act_make(ds->book, NULL, &a, &o);
    if (rc == FB_OK && o.result == FB_POOL_DONE) {
        *room -= principal;
        ds->covered++;
        l->flags |= COVERED | (strcmp(id, "DL-RCP-2025") == 0 ? IN_DALIAN : 0);
    }
    return rc;
}

/* The room a pool has for new coverage today: its capacity less what it covers, 0 while it is
 * suspended. Within the day it only grows (a loan drawn today is performing), so a loan within
 * it is never refused. */
static int room_of(demo_schemes *ds, const char *id, int64_t *room) {
    fb_pool_view v;
    int rc = fb_pool_view_get(ds->book, id, &v);
    *room = rc || v.suspended ? 0 : v.capacity_fen - v.covered_fen;
    return rc;
}

/* The day's loans to cover, inside its unit of work: a Dalian loan under its city's pool while
 * it has room, else under the province's. */
static int covers(demo_schemes *ds, size_t from) {
    size_t any = from;
    while (any < ds->n && !(ds->l[any].flags & TO_COVER))
        any++;
    if (any == ds->n) return FB_OK;
    int64_t room = 0, dalian_room = 0;
    bool dalian_today = false;
    for (size_t i = any; i < ds->n; i++)
        dalian_today |= (ds->l[i].flags & TO_COVER) && ds->l[i].city == 210200;
    int rc = room_of(ds, "LN-RCP-2025", &room);
    if (rc == FB_OK && dalian_today) rc = room_of(ds, "DL-RCP-2025", &dalian_room);
    fb_loan_position p;
    for (size_t i = any; rc == FB_OK && i < ds->n; i++) {
        loan *l = &ds->l[i];
        if (!(l->flags & TO_COVER)) continue;
        l->flags &= (uint8_t)~TO_COVER;
        if ((rc = fb_loan_position_get(ds->book, l->id, &p)) != FB_OK) break;
        if (l->city == 210200 && p.principal_fen <= dalian_room) {
            rc = cover(ds, l, "DL-RCP-2025", p.principal_fen, &dalian_room);
        } else if (p.principal_fen <= room) {
            rc = cover(ds, l, "LN-RCP-2025", p.principal_fen, &room);
        }
    }
    return rc;
}

int demo_schemes_day(demo_schemes *ds, int32_t day) {
    FB_ASSERT(ds != NULL && day > 0);
    fb_loan_position p;
    int rc = FB_OK;
    if (!ds->made) {
        int32_t open = 0;
        rc = fb_business_date(ds->book, &open);
        if (rc || open == 0) return rc;
        if ((rc = make(ds)) != FB_OK) return rc;
    }
    size_t from = ds->today;
    for (; rc == FB_OK && ds->today < ds->n; ds->today++) {
        loan *l = &ds->l[ds->today];
        if (l->line == FB_LINE_TECHNOLOGY) {
            rc = fb_loan_position_get(ds->book, l->id, &p);
            if (rc == FB_OK) rc = enrol(ds, l, &p);
            continue;
        }
        /* Of three inclusive loans, an enterprise's one is guaranteed, and one covered. */
        uint64_t x = next(ds) % 3;
        if (!l->individual && x == 0) {
            rc = guarantee(ds, l);
        } else if (x == (l->individual ? 0u : 1u)) {
            l->flags |= TO_COVER;
        }
    }
    return rc == FB_OK ? covers(ds, from) : rc;
}

/* The loan's exposure: what is still to be recovered (principal + written off - recovered). */
static int64_t exposure(const fb_loan_position *p) {
    return p->principal_fen + p->written_off_fen - p->recovered_fen;
}

static const char *pool_of(const loan *l) {
    return (l->flags & IN_DALIAN) ? "DL-RCP-2025" : "LN-RCP-2025";
}

static void count(demo_schemes *ds, bool done, int64_t *counter) {
    if (done) {
        (*counter)++;
    } else {
        ds->refused++;
    }
}

/* A defaulted loan's claim on its pool or its guarantee (each act its own unit of work). */
static int claim(demo_schemes *ds, loan *l, int32_t day, const fb_loan_position *p) {
    int rc = FB_OK;
    bool done = false;
    if (l->flags & COVERED) {
        fb_pool_act a;
        memset(&a, 0, sizeof a);
        snprintf(a.pool, sizeof a.pool, "%s", pool_of(l));
        a.kind = FB_POOL_CLAIM;
        snprintf(a.loan, sizeof a.loan, "%s", l->id);
        fb_pool_outcome o;
        rc = fb_pool_act_make(ds->book, NULL, &a, &o);
        done = rc == FB_OK && o.result == FB_POOL_DONE;
        count(ds, done, &ds->pool_claims);
    } else {
        char id[FB_POOL_ID_MAX + 1];
        snprintf(id, sizeof id, "g-%.40s", l->id);
        fb_guarantee_view v;
        fb_guarantee_result res = FB_GUARANTEE_DONE;
        rc = fb_guarantee_claim(ds->book, id, &v, &res);
        done = rc == FB_OK && res == FB_GUARANTEE_DONE;
        count(ds, done, &ds->guarantee_claims);
    }
    if (done) {
        l->flags |= CLAIMED;
        l->claimed = day;
        l->exposure = exposure(p);
    }
    return rc;
}

/* After a claim: the guarantors pay their parts 20, 35 and 50 days on (within the 90 days the
 * setting gives them, the province's re-guarantee now and then late); what was recovered since
 * is shared back once a month. */
static int after_claim(demo_schemes *ds, loan *l, int32_t day, bool month) {
    char id[FB_POOL_ID_MAX + 1];
    snprintf(id, sizeof id, "g-%.40s", l->id);
    int rc = FB_OK;
    for (int k = 0; rc == FB_OK && (l->flags & GUARANTEED) && k < 3; k++) {
        if ((l->paid & (1u << k)) || day != l->claimed + 20 + 15 * k) continue;
        int64_t paid = 0;
        fb_guarantee_result res = FB_GUARANTEE_DONE;
        rc = fb_guarantee_pay(ds->book, id, (fb_guarantor)k, &paid, &res);
        if (rc == FB_OK && res == FB_GUARANTEE_DONE) l->paid |= (uint8_t)(1u << k);
        if (rc == FB_OK) count(ds, res == FB_GUARANTEE_DONE, &ds->guarantor_payments);
    }
    if (rc || !month || (l->flags & SHARED)) return rc;
    fb_loan_position p;
    if ((rc = fb_loan_position_get(ds->book, l->id, &p)) != FB_OK) return rc;
    if (exposure(&p) >= l->exposure) return FB_OK; /* nothing recovered since */
    bool done = false;
    if (l->flags & COVERED) {
        fb_pool_act a;
        memset(&a, 0, sizeof a);
        snprintf(a.pool, sizeof a.pool, "%s", pool_of(l));
        a.kind = FB_POOL_SHARE_BACK;
        snprintf(a.loan, sizeof a.loan, "%s", l->id);
        fb_pool_outcome o;
        rc = fb_pool_act_make(ds->book, NULL, &a, &o);
        done = rc == FB_OK && o.result == FB_POOL_DONE;
    } else if (l->paid) {
        int64_t returned = 0;
        fb_guarantee_result res = FB_GUARANTEE_DONE;
        rc = fb_guarantee_share_back(ds->book, id, &returned, &res);
        done = rc == FB_OK && res == FB_GUARANTEE_DONE;
    } else {
        return FB_OK; /* no guarantor has paid yet: nothing to share */
    }
    l->exposure = exposure(&p); /* what is recovered from here on is shared next */
    if (rc == FB_OK && done)
        (*((l->flags & COVERED) ? &ds->pool_returns : &ds->guarantee_returns))++;
    if (rc == FB_OK && !done) l->flags |= SHARED;
    return rc;
}

/* The subsidy's quarter before the day's: claimed by the bank on the 5th of the next quarter's
 * first month; decided by the province (one line in twelve rejected) and paid on the 20th. */
static int subsidy_quarter(demo_schemes *ds, int32_t day) {
    int y, m, d;
    fb_date_to_ymd(day, &y, &m, &d);
    if ((m - 1) % 3 != 0 || (d != 5 && d != 20)) return FB_OK;
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "LN-SUB-2025");
    a.quarter = m == 1 ? (y - 1) * 10 + 4 : y * 10 + (m - 1) / 3;
    a.kind = d == 5 ? FB_SUBSIDY_CLAIM : FB_SUBSIDY_PAY;
    fb_subsidy_outcome o;
    if (d == 5) {
        int rc = fb_subsidy_act_make(ds->book, NULL, &a, &o);
        if (rc == FB_OK) count(ds, o.result == FB_SUBSIDY_DONE, &ds->subsidy_claims);
        return rc;
    }
    fb_subsidy_line *lines = calloc(FB_PAGE_MAX, sizeof *lines);
    size_t n = 0;
    int rc = lines ? fb_subsidy_claim_lines(ds->book, a.scheme, a.quarter, lines, FB_PAGE_MAX, &n)
                   : FB_ENOMEM;
    if (rc == FB_ENOTFOUND) rc = FB_OK, n = 0; /* nothing was claimed that quarter */
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_subsidy_act dec = a;
        dec.kind = FB_SUBSIDY_DECIDE;
        snprintf(dec.loan, sizeof dec.loan, "%s", lines[i].loan);
        dec.approve = next(ds) % 12 != 0;
        rc = fb_subsidy_act_make(ds->book, &province, &dec, &o);
        if (rc == FB_OK && o.result != FB_SUBSIDY_DONE) ds->refused++;
    }
    free(lines);
    if (rc == FB_OK && n > 0) {
        rc = fb_subsidy_act_make(ds->book, &province, &a, &o);
        if (rc == FB_OK && o.result != FB_SUBSIDY_DONE) ds->refused++;
    }
    return rc;
}

int demo_schemes_after(demo_schemes *ds, int32_t day) {
    FB_ASSERT(ds != NULL && day > 0);
    if (!ds->made) return FB_OK;
    int y, m, d;
    fb_date_to_ymd(day, &y, &m, &d);
    bool month = d == 1, week = d % 7 == 1; /* claims are looked for on the 1st, 8th, ... */
    fb_loan_position p;
    int rc = subsidy_quarter(ds, day);
    for (size_t i = 0; rc == FB_OK && i < ds->n; i++) {
        loan *l = &ds->l[i];
        if (!l->bad || !(l->flags & (COVERED | GUARANTEED)) || (l->flags & SETTLED)) continue;
        if (l->flags & CLAIMED) {
            rc = after_claim(ds, l, day, month);
            continue;
        }
        if (!week) continue;
        if ((rc = fb_loan_position_get(ds->book, l->id, &p)) != FB_OK) break;
        if (p.status == FB_LOAN_SETTLED) l->flags |= SETTLED;
        if (p.status == FB_LOAN_WRITTEN_OFF ||
            (p.status == FB_LOAN_ACTIVE && p.days_past_due >= 60)) {
            rc = claim(ds, l, day, &p);
        }
    }
    return rc;
}

void demo_schemes_summary(const demo_schemes *ds, json_t *j) {
    FB_ASSERT(ds != NULL && j != NULL);
    json_t *s = json_object();
    json_object_set_new(s, "covered", json_integer(ds->covered));
    json_object_set_new(s, "pool_claims", json_integer(ds->pool_claims));
    json_object_set_new(s, "subsidy_enrolled", json_integer(ds->enrolled));
    json_object_set_new(s, "subsidy_claims", json_integer(ds->subsidy_claims));
    json_object_set_new(s, "guaranteed", json_integer(ds->guaranteed));
    json_object_set_new(s, "guarantee_claims", json_integer(ds->guarantee_claims));
    json_object_set_new(s, "guarantor_payments", json_integer(ds->guarantor_payments));
    json_object_set_new(s, "pool_returns", json_integer(ds->pool_returns));
    json_object_set_new(s, "guarantee_returns", json_integer(ds->guarantee_returns));
    json_object_set_new(s, "refused", json_integer(ds->refused));
    /* Logins for the dashboard: an enterprise with a subsidised loan, the guarantee company. */
    json_object_set_new(s, "subsidised", json_string(ds->subsidised));
    json_object_set_new(s, "guarantor", json_string(COMPANY));
    json_object_set_new(j, "schemes", s);
}
