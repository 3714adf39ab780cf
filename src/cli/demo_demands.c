/* demo_demands.c — the synthetic province's financing demands (融资需求对接), for `finbridge demo`:
 * two in five of the firms approved in the first half year asked for it a few days before, and
 * every firm now and then asks again over the years; a government brings some (Dalian's for its
 * firms, the province's from its key-enterprise and major-project lists), with a
 * recommendation. The bank accepts each within a few days, contacts the enterprise (now and then
 * past the level), and grants it on the firm's facility, declines it with a reason of the list,
 * or the firm withdraws it. Every step is made through the book on the day it happens, so that
 * the demo's dashboard shows a pipeline, a queue with its levels, and the measures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo.h"
#include "core/assert.h"

typedef struct {
    char party[24];
    int32_t city;
    bool big, individual;
    int64_t amount;
    fb_demand_source source;
    bool consent;
    int outcome; /* 0 granted (when a facility is there), 1 declined, 2 withdrawn */
    fb_decline_reason reason;
    int32_t post, accept, contact, decide; /* the days of its steps */
} script;

struct demo_demands {
    fb_book *book;
    uint64_t r;
    int32_t first, last;
    script *s;
    size_t n, cap;
    int64_t posted, granted;
};

static uint64_t next(demo_demands *dd) { /* xorshift64* */
    dd->r ^= dd->r >> 12;
    dd->r ^= dd->r << 25;
    dd->r ^= dd->r >> 27;
    return dd->r * 2685821657736338717ULL;
}

static int32_t pick(demo_demands *dd, int32_t n) { return (int32_t)(next(dd) % (uint64_t)n); }

demo_demands *demo_demands_new(fb_book *book, uint64_t seed, int32_t first, int32_t last) {
    FB_ASSERT(book != NULL && first <= last);
    demo_demands *dd = calloc(1, sizeof *dd);
    if (!dd) return NULL;
    dd->book = book;
    dd->r = seed * 0x9E3779B97F4A7C15ULL + 77;
    dd->first = first;
    dd->last = last;
    FB_ASSERT(dd->r != 0 || seed != 0);
    return dd;
}

void demo_demands_free(demo_demands *dd) {
    if (!dd) return;
    free(dd->s);
    free(dd);
}

static script *add(demo_demands *dd) {
    if (dd->n == dd->cap) {
        size_t cap = dd->cap ? dd->cap * 2 : 1024;
        script *more = realloc(dd->s, cap * sizeof *more);
        if (!more) return NULL;
        dd->s = more;
        dd->cap = cap;
    }
    return memset(&dd->s[dd->n++], 0, sizeof *dd->s);
}

/* The steps' days from the posting: accepted in 0-2 days, contacted in 0-3 more (one in eight
 * later, past the level), decided in 2-20 more (one in ten 20-60, past its level); decided no
 * earlier than `at_least`. */
static void timeline(demo_demands *dd, script *s, int32_t post, int32_t at_least) {
    s->post = post;
    s->accept = post + pick(dd, 3);
    s->contact = s->accept + (pick(dd, 8) == 0 ? 5 + pick(dd, 6) : pick(dd, 4));
    s->decide = s->contact + (pick(dd, 10) == 0 ? 20 + pick(dd, 41) : 2 + pick(dd, 19));
    if (s->decide < at_least) s->decide = at_least;
}

/* Who brings it, whether the government may see it, how much. */
static void who(demo_demands *dd, script *s, const char *party, int32_t city, bool big,
                bool individual) {
    snprintf(s->party, sizeof s->party, "%s", party);
    s->city = city;
    s->big = big;
    s->individual = individual;
    int32_t x = pick(dd, 100);
    s->source = x < 70   ? FB_SOURCE_ENTERPRISE
                : x < 85 ? FB_SOURCE_GOVERNMENT
                : big    ? FB_SOURCE_MAJOR_PROJECTS
                         : FB_SOURCE_KEY_ENTERPRISES;
    s->consent = pick(dd, 10) < 7;
    int64_t base = individual ? 10000000 : big ? 2000000000 : 50000000; /* 100k, 20m, 500k */
    s->amount = base + (int64_t)pick(dd, 1000) * (base / 100);
}

void demo_demands_party(demo_demands *dd, const char *party, int32_t city, bool big,
                        bool individual, int32_t approve_day) {
    FB_ASSERT(dd != NULL && party != NULL);
    /* Asked for the facility it is approved on: granted on the day of approval. */
    if (approve_day && pick(dd, 5) < 2) {
        int32_t post = approve_day - 3 - pick(dd, 18);
        script *s = add(dd);
        if (!s) return;
        who(dd, s, party, city, big, individual);
        timeline(dd, s, post < dd->first ? dd->first : post, approve_day);
        if (s->accept > approve_day) s->accept = s->contact = approve_day;
        if (s->contact > approve_day) s->contact = approve_day;
        s->decide = approve_day;
    }
    /* And now and then again, over the years: three in ten a year. */
    for (int32_t year = dd->first; year <= dd->last; year += 365) {
        if (pick(dd, 10) >= 3) continue;
        script *s = add(dd);
        if (!s) return;
        who(dd, s, party, city, big, individual);
        timeline(dd, s, year + pick(dd, 365), 0);
        int32_t x = pick(dd, 100);
        s->outcome = x < 55 ? 0 : x < 88 ? 1 : 2;
        s->reason = (fb_decline_reason)pick(dd, FB_DECLINE_REASON_COUNT_);
    }
}

static const char *const recommendations[] = {"省重点产业链企业，建议优先支持",
                                              "市重点项目配套企业，请予支持", "专精特新企业"};

/* Posts the i-th script's demand as whoever brings it. */
static int post(demo_demands *dd, size_t i) {
    script *s = &dd->s[i];
    fb_demand d;
    memset(&d, 0, sizeof d);
    snprintf(d.id, sizeof d.id, "dm-%06zu", i + 1);
    snprintf(d.party, sizeof d.party, "%s", s->party);
    d.amount_fen = s->amount;
    snprintf(d.purpose, sizeof d.purpose, "%s", s->big ? "技术改造与扩产" : "流动资金周转");
    d.months = s->big ? 36 : 12;
    d.line = s->big ? FB_LINE_TECHNOLOGY : FB_LINE_INCLUSIVE;
    d.security = s->individual ? FB_SECURITY_CREDIT : (fb_security)pick(dd, FB_SECURITY_COUNT_);
    d.consent = s->consent;
    d.source = s->source;
    if (s->source == FB_SOURCE_MAJOR_PROJECTS) {
        snprintf(d.project, sizeof d.project, "prj-%d-1", (int)s->city);
    }
    if (s->source != FB_SOURCE_ENTERPRISE) {
        snprintf(d.recommendation, sizeof d.recommendation, "%s", recommendations[i % 3]);
    }
    d.posted = s->post;
    /* Dalian's government brings its own firms' demands, the province's the rest. */
    fb_user gov = {"demo-government", FB_ROLE_GOVERNMENT, "", s->city == 210200 ? 210200 : 210000};
    fb_demand_outcome o;
    int rc = fb_demands_post(dd->book, s->source == FB_SOURCE_ENTERPRISE ? NULL : &gov, &d, 1, &o);
    if (rc == FB_OK && o.result == FB_DEMAND_DONE) dd->posted++;
    if (rc == FB_OK && o.result != FB_DEMAND_DONE) s->post = 0; /* refused: no steps follow */
    return rc;
}

/* Makes one step of the i-th demand on the day open. */
static int make(demo_demands *dd, size_t i, fb_demand_step *st, fb_demand_status kind,
                int32_t day) {
    snprintf(st->demand, sizeof st->demand, "dm-%06zu", i + 1);
    st->step = kind;
    st->date = day;
    fb_demand_result result = FB_DEMAND_DONE;
    int rc = fb_demand_step_make(dd->book, NULL, st, &result);
    if (rc == FB_OK && kind == FB_DEMAND_GRANTED && result == FB_DEMAND_DONE) dd->granted++;
    return rc;
}

/* The i-th script's steps of the day, in order. */
static int steps(demo_demands *dd, size_t i, int32_t day) {
    script *s = &dd->s[i];
    fb_demand_step st;
    memset(&st, 0, sizeof st);
    int rc = FB_OK;
    if (day == s->accept) {
        snprintf(st.officer, sizeof st.officer, "客户经理%02d", (int)(i % 40) + 1);
        rc = make(dd, i, &st, FB_DEMAND_ACCEPTED, day);
    }
    if (rc == FB_OK && day == s->contact) {
        memset(&st, 0, sizeof st);
        snprintf(st.text, sizeof st.text, "已电话联系企业，了解融资需求");
        rc = make(dd, i, &st, FB_DEMAND_CONTACTED, day);
    }
    if (rc || day != s->decide) return rc;
    memset(&st, 0, sizeof st);
    fb_facility f;
    snprintf(st.facility, sizeof st.facility, "fac-%.40s", s->party);
    if (s->outcome == 2) {
        snprintf(st.text, sizeof st.text, "已通过其他渠道解决");
        return make(dd, i, &st, FB_DEMAND_WITHDRAWN, day);
    }
    if (s->outcome == 0 && fb_facility_get(dd->book, st.facility, &f) == FB_OK) {
        st.amount_fen = f.limit_fen < s->amount ? f.limit_fen : s->amount;
        return make(dd, i, &st, FB_DEMAND_GRANTED, day);
    }
    /* No facility to grant it on: outside the bank's policy for now. */
    st.reason = s->outcome == 0 ? FB_DECLINE_OUTSIDE_POLICY : s->reason;
    if (st.reason == FB_DECLINE_OTHER) snprintf(st.text, sizeof st.text, "经营期限不足一年");
    return make(dd, i, &st, FB_DEMAND_DECLINED, day);
}

int demo_demands_day(demo_demands *dd, int32_t day) {
    FB_ASSERT(dd != NULL && day >= dd->first);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < dd->n; i++) {
        script *s = &dd->s[i];
        if (s->post == day && s->post <= dd->last) rc = post(dd, i);
        if (rc == FB_OK && s->post && s->post <= day && s->decide >= day) rc = steps(dd, i, day);
    }
    return rc;
}

int64_t demo_demands_posted(const demo_demands *dd) { return dd->posted; }
int64_t demo_demands_granted(const demo_demands *dd) { return dd->granted; }

int demo_demands_agreement(fb_book *book, int32_t first, int32_t last) {
    fb_agreement *a = calloc(1, sizeof *a);
    if (!a) return FB_ENOMEM;
    snprintf(a->id, sizeof a->id, "LN-DEMANDS-2025");
    snprintf(a->bank, sizeof a->bank, "某国有大型银行辽宁省分行");
    a->region = 210000;
    a->start_date = first;
    a->end_date = last;
    a->targets[a->n_targets++] = (fb_target){FB_MEASURE_DEMAND_MATCH_RATE_MIN, "", 500000};
    a->targets[a->n_targets++] =
        (fb_target){FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX, "", 60}; /* 30 days, in halves */
    bool exists = false;
    int rc = fb_agreement_create(book, a, &exists);
    free(a);
    return rc;
}
