/* test_demand_model.c — a seeded model of financing demands: random posts and steps by every role
 * (the bank, enterprises, governments of a city and of the province, an auditor), with ids taken
 * and unknown, dates off the business date, facilities of others and limits passed, day after
 * day across the Spring Festival; each result is checked against a model of the rules written
 * here from docs/demands.md, each demand's stored state against the model's, verify after, and
 * the measures of random periods by city against a naive recount on a calendar counted from the
 * notices' lists day by day; a government's table holds no small cell and no line with one
 * hidden row. Prints its seed (FB_SEED=N repeats a run). */
#include "book.h"

#define PARTIES 9
#define DEMANDS_MAX 2000
#define DAYS 240

static const char *const parties[PARTIES] = {"dl1", "dl2", "dl3", "dl4", "sy1",
                                             "sy2", "sy3", "as1", "as2"};
static const int32_t divisions[PARTIES] = {210211, 210212, 210213, 210211, 210102,
                                           210103, 210104, 210302, 210303};
static const int64_t limits[PARTIES] = {50000000, 80000000, 30000000, 90000000, 60000000,
                                        70000000, 40000000, 20000000, 10000000};

typedef struct {
    char id[FB_ID_MAX + 1];
    int party;
    int64_t amount;
    fb_demand_source source;
    bool consent;
    int32_t region;
    fb_demand_status status;
    int32_t posted, accepted, contacted, decided, withdrawn, response_due, decision_due;
    char officer[FB_DEMAND_OFFICER_MAX + 1];
    int facility; /* granted: the party whose facility */
    int64_t granted;
    fb_decline_reason reason;
} model_demand;

static model_demand M[DEMANDS_MAX];
static size_t n_demands;
static int32_t loans_on[PARTIES][DAYS + 2]; /* day of each loan drawn per party, 0 ended */
static size_t n_loans[PARTIES];

/* The calendar of the notices, from their lists alone. */
static bool naive_working(int32_t d) {
    for (size_t i = 0; i < fb_calendar_shipped_count(); i++) {
        fb_calendar_year y;
        fb_calendar_shipped(i, &y);
        for (size_t k = 0; k < y.n_holidays; k++)
            if (y.holidays[k] == d) return false;
        for (size_t k = 0; k < y.n_workdays; k++)
            if (y.workdays[k] == d) return true;
    }
    int w = (int)(((d - day("2000-01-02")) % 7 + 7) % 7); /* 2000-01-02 was a Sunday */
    return w != 0 && w != 6;
}

static int32_t naive_count(int32_t a, int32_t b) {
    int32_t n = 0;
    for (int32_t d = a + 1; d <= b; d++)
        n += naive_working(d);
    return n;
}

static int32_t naive_advance(int32_t a, int32_t n) {
    while (n > 0)
        n -= naive_working(++a);
    return a;
}

/* The actors: the bank (NULL), each party's enterprise user, Dalian's and the province's
 * governments, an auditor. */
static fb_user users[PARTIES + 3];
static const fb_user *actor(uint64_t k) { return k == 0 ? NULL : &users[k - 1]; }
#define ACTORS (PARTIES + 4)

static int32_t city_of(int p) { return divisions[p] / 100 * 100; }

static bool model_visible(const model_demand *d, const fb_user *as) {
    if (!as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR) return true;
    if (as->role == FB_ROLE_ENTERPRISE) return strcmp(as->party, parties[d->party]) == 0;
    int32_t c = city_of(d->party);
    bool in = as->region == 210000 ? c >= 210100 && c <= 211400 : c == as->region;
    return in && (d->consent || d->source != FB_SOURCE_ENTERPRISE);
}

static long checked_results;
static long seen_results[FB_DEMAND_NOT_POSTER + 1];

#define EXPECT_DEMAND_RESULT(expected, actual)                                                     \
    do {                                                                                           \
        fb_demand_result e_ = (expected), a_ = (actual);                                           \
        if (e_ != a_) {                                                                            \
            test_fail_at(__FILE__, __LINE__, #actual);                                             \
            printf("    expected %s, got %s\n", fb_demand_result_name(e_),                         \
                   fb_demand_result_name(a_));                                                     \
        }                                                                                          \
    } while (0)

static void post_random(int32_t open) {
    fb_demand d;
    memset(&d, 0, sizeof d);
    bool again = n_demands && rnd(6) == 0;
    model_demand *old = again ? &M[rnd(n_demands)] : NULL;
    int p = old && rnd(2) ? old->party : (int)rnd(PARTIES + 1); /* PARTIES: no such party */
    snprintf(d.id, sizeof d.id, "%s", old ? old->id : "");
    if (!old) snprintf(d.id, sizeof d.id, "D%zu", n_demands + 1 + (size_t)rnd(3) * 100000);
    snprintf(d.party, sizeof d.party, "%s", p < PARTIES ? parties[p] : "ghost");
    d.amount_fen = old && rnd(2) ? old->amount : (int64_t)(1 + rnd(5)) * 10000000;
    snprintf(d.purpose, sizeof d.purpose, "流动资金");
    d.months = 12;
    d.line = FB_LINE_INCLUSIVE;
    d.source = old && rnd(2) ? old->source : (fb_demand_source)rnd(3);
    d.consent = old ? old->consent : rnd(2);
    uint64_t dd = rnd(10);
    d.posted = dd == 0 ? open - 1 : dd == 1 ? open + 1 : 0;
    const fb_user *as = rnd(2) ? NULL : actor(rnd(ACTORS));
    /* Mostly what each may post: an enterprise its own, a government for its region. */
    if (!old && as && as->role == FB_ROLE_ENTERPRISE && rnd(4)) {
        for (p = 0; strcmp(parties[p], as->party) != 0;)
            p++;
        snprintf(d.party, sizeof d.party, "%s", parties[p]);
        d.source = FB_SOURCE_ENTERPRISE;
    }
    if (!old && as && as->role == FB_ROLE_GOVERNMENT && rnd(4)) {
        /* Dalian's are the first four; now and then Dalian's user tries another city's. */
        p = as->region == 210000 || rnd(2) == 0 ? (int)rnd(PARTIES) : (int)rnd(4);
        snprintf(d.party, sizeof d.party, "%s", parties[p]);
        d.source = (fb_demand_source)(1 + rnd(2));
    }
    /* The model's verdict, in the book's order. */
    fb_demand_result expect = FB_DEMAND_DONE;
    if (old) {
        bool same = old->party == p && old->amount == d.amount_fen && old->source == d.source &&
                    old->consent == d.consent && (!d.posted || d.posted == old->posted);
        expect =
            model_visible(old, as) && same ? FB_DEMAND_EXISTS : FB_DEMAND_EXISTS_WITH_DIFFERENT;
    } else if (p == PARTIES) {
        expect = FB_DEMAND_PARTY_NOT_FOUND;
    } else if (as && as->role == FB_ROLE_ENTERPRISE && strcmp(as->party, parties[p]) != 0) {
        expect = FB_DEMAND_PARTY_NOT_FOUND;
    } else if (as && (as->role == FB_ROLE_AUDITOR ||
                      (as->role == FB_ROLE_ENTERPRISE) != (d.source == FB_SOURCE_ENTERPRISE))) {
        expect = FB_DEMAND_SOURCE_NOT_YOURS;
    } else if (as && as->role == FB_ROLE_GOVERNMENT && as->region != 210000 &&
               city_of(p) != as->region) {
        expect = FB_DEMAND_OUTSIDE_REGION;
    } else if (d.posted) {
        expect = d.posted < open ? FB_DEMAND_BEFORE_BUSINESS_DATE : FB_DEMAND_AFTER_BUSINESS_DATE;
    }
    fb_demand_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_demands_post(L, as, &d, 1, &o));
    if (o.result != expect) {
        printf("    post %s of %s by %s: %s, the model says %s\n", d.id, d.party,
               as ? as->name : "the bank", fb_demand_result_name(o.result),
               fb_demand_result_name(expect));
    }
    EXPECT_DEMAND_RESULT(expect, o.result);
    checked_results++;
    seen_results[expect]++;
    if (expect != FB_DEMAND_DONE || n_demands == DEMANDS_MAX) return;
    model_demand *m = &M[n_demands++];
    *m = (model_demand){.party = p,
                        .amount = d.amount_fen,
                        .source = d.source,
                        .consent = d.consent,
                        .posted = open};
    snprintf(m->id, sizeof m->id, "%s", d.id);
    m->region = d.source == FB_SOURCE_ENTERPRISE ? 0 : as ? as->region : 210000;
    m->response_due = naive_advance(open, 3);
    m->decision_due = naive_advance(open, 15);
}

/* What the model says a step does, in the book's order; writes it into m when done. */
static fb_demand_result model_step(model_demand *m, const fb_user *as, const fb_demand_step *s,
                                   int fac, int32_t open) {
    if (!m || !model_visible(m, as)) return FB_DEMAND_NOT_FOUND;
    int32_t made = s->step == FB_DEMAND_ACCEPTED    ? m->accepted
                   : s->step == FB_DEMAND_CONTACTED ? m->contacted
                   : s->step == FB_DEMAND_WITHDRAWN ? m->withdrawn
                   : m->status == s->step           ? m->decided
                                                    : 0;
    bool same =
        (!s->date || s->date == made) &&
        (s->step != FB_DEMAND_ACCEPTED || strcmp(m->officer, s->officer) == 0) &&
        (s->step != FB_DEMAND_GRANTED || (m->facility == fac && m->granted == s->amount_fen)) &&
        (s->step != FB_DEMAND_DECLINED || m->reason == s->reason);
    if (made && same) return FB_DEMAND_EXISTS;
    if (m->status >= FB_DEMAND_GRANTED) return FB_DEMAND_CLOSED;
    if (made) return FB_DEMAND_STEP_TAKEN;
    bool bank = !as || as->role == FB_ROLE_BANK_OFFICER;
    bool may =
        bank || (s->step == FB_DEMAND_WITHDRAWN &&
                 ((as->role == FB_ROLE_ENTERPRISE && strcmp(as->party, parties[m->party]) == 0) ||
                  (as->role == FB_ROLE_GOVERNMENT && m->source != FB_SOURCE_ENTERPRISE)));
    if (!may) return FB_DEMAND_NOT_POSTER;
    if (s->date && s->date < open) return FB_DEMAND_BEFORE_BUSINESS_DATE;
    if (s->date && s->date > open) return FB_DEMAND_AFTER_BUSINESS_DATE;
    fb_demand_status needs = s->step == FB_DEMAND_CONTACTED  ? FB_DEMAND_ACCEPTED
                             : s->step == FB_DEMAND_ACCEPTED ? FB_DEMAND_POSTED
                                                             : FB_DEMAND_CONTACTED;
    if (s->step == FB_DEMAND_WITHDRAWN ? m->status >= FB_DEMAND_GRANTED : m->status != needs)
        return FB_DEMAND_OUT_OF_ORDER;
    if (s->step == FB_DEMAND_GRANTED) {
        if (fac == PARTIES) return FB_DEMAND_FACILITY_NOT_FOUND;
        if (fac != m->party) return FB_DEMAND_FACILITY_OF_ANOTHER;
        if (s->amount_fen > limits[fac]) return FB_DEMAND_EXCEEDS_FACILITY;
    }
    m->status = s->step;
    if (s->step == FB_DEMAND_ACCEPTED) {
        m->accepted = open;
        snprintf(m->officer, sizeof m->officer, "%s", s->officer);
    }
    if (s->step == FB_DEMAND_CONTACTED) m->contacted = open;
    if (s->step == FB_DEMAND_GRANTED || s->step == FB_DEMAND_DECLINED) m->decided = open;
    if (s->step == FB_DEMAND_GRANTED) m->facility = fac, m->granted = s->amount_fen;
    if (s->step == FB_DEMAND_DECLINED) m->reason = s->reason;
    if (s->step == FB_DEMAND_WITHDRAWN) m->withdrawn = open;
    return FB_DEMAND_DONE;
}

static void step_random(int32_t open) {
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    model_demand *m = n_demands && rnd(12) ? &M[rnd(n_demands)] : NULL;
    snprintf(s.demand, sizeof s.demand, "%s", m ? m->id : "D-GHOST");
    /* Mostly the step the demand is due for, sometimes any. */
    s.step = rnd(3) == 0                            ? (fb_demand_status)(1 + rnd(5))
             : m && m->status < FB_DEMAND_CONTACTED ? (fb_demand_status)(m->status + 1)
             : rnd(2)                               ? FB_DEMAND_GRANTED
                                                    : (fb_demand_status)(4 + rnd(2));
    uint64_t dd = rnd(12);
    s.date = dd == 0 ? open - 1 : dd == 1 ? open + 1 : dd == 2 ? open : 0;
    snprintf(s.officer, sizeof s.officer, "%s", rnd(2) ? "王" : "李");
    int fac = rnd(3) ? (m ? m->party : 0) : rnd(2) ? (int)rnd(PARTIES) : PARTIES;
    snprintf(s.facility, sizeof s.facility, "F-%s", fac < PARTIES ? parties[fac] : "ghost");
    s.amount_fen = (int64_t)(1 + rnd(10)) * 10000000;
    s.reason = (fb_decline_reason)rnd(FB_DECLINE_OTHER); /* other needs its text: not drawn */
    const fb_user *as = rnd(3) ? NULL : actor(rnd(ACTORS));
    model_demand before = m ? *m : (model_demand){0};
    fb_demand_result expect = model_step(m, as, &s, fac, open);
    fb_demand_result got = FB_DEMAND_DONE;
    EXPECT_EQ_INT(FB_OK, fb_demand_step_make(L, as, &s, &got));
    if (got != expect) {
        printf("    %s %s by %s: %s, the model says %s\n", fb_demand_status_name(s.step), s.demand,
               as ? as->name : "the bank", fb_demand_result_name(got),
               fb_demand_result_name(expect));
        if (m) *m = before;
    }
    EXPECT_DEMAND_RESULT(expect, got);
    checked_results++;
    seen_results[expect]++;
}

static void draw_random(int32_t open) {
    int p = (int)rnd(PARTIES);
    char id[32], fac[32];
    snprintf(id, sizeof id, "L-%s-%zu", parties[p], n_loans[p]);
    snprintf(fac, sizeof fac, "F-%s", parties[p]);
    char date[11];
    loan(id, fac, 100000, 40000, 0, 6, FB_METHOD_BULLET, fb_date_format(open, date));
    loans_on[p][n_loans[p]++] = open;
}

/* The stored demands are the model's. */
static void the_book_holds_the_model(void) {
    for (size_t i = 0; i < n_demands; i++) {
        const model_demand *m = &M[i];
        fb_demand d;
        EXPECT_EQ_INT(FB_OK, fb_demand_get(L, m->id, &d));
        bool same = d.status == m->status && d.posted == m->posted && d.accepted == m->accepted &&
                    d.contacted == m->contacted && d.decided == m->decided &&
                    d.withdrawn == m->withdrawn && d.response_due == m->response_due &&
                    d.decision_due == m->decision_due && d.granted_fen == m->granted &&
                    d.region == m->region && d.city == city_of(m->party);
        if (!same) printf("    %s is not the model's\n", m->id);
        EXPECT_TRUE(same);
    }
}

static int cmp32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int64_t naive_median_x2(int32_t *v, size_t n) {
    if (!n) return -1;
    qsort(v, n, sizeof *v, cmp32);
    return n % 2 ? 2 * (int64_t)v[n / 2] : (int64_t)v[n / 2 - 1] + v[n / 2];
}

static int64_t naive_p90(int32_t *v, size_t n) {
    if (!n) return -1;
    qsort(v, n, sizeof *v, cmp32);
    size_t k = 0; /* the smallest rank k with k / n >= 90% */
    while (100 * k < 90 * n)
        k++;
    return v[k - 1];
}

static int64_t naive_ratio(int64_t num, int64_t den) {
    return den ? (num * 2000000 + den) / (2 * den) : -1;
}

/* A city's row of the measures from `from` to `to`, recounted from the model. */
static fb_demand_row naive_row(int32_t city, int32_t from, int32_t to) {
    fb_demand_row r;
    memset(&r, 0, sizeof r);
    static int32_t dec[DEMANDS_MAX], lon[DEMANDS_MAX];
    size_t nd = 0, nl = 0;
    bool seen[PARTIES] = {false};
    for (size_t i = 0; i < n_demands; i++) {
        const model_demand *m = &M[i];
        if (city_of(m->party) != city || m->posted < from || m->posted > to) continue;
        r.received++;
        r.requested_fen += m->amount;
        seen[m->party] = true;
        bool contacted = m->contacted && m->contacted <= to;
        bool decided = m->decided && m->decided <= to;
        bool withdrawn = m->withdrawn && m->withdrawn <= to;
        bool granted = decided && m->status == FB_DEMAND_GRANTED;
        bool open = !decided && !withdrawn;
        bool in_time = withdrawn && !contacted && m->withdrawn <= m->response_due;
        r.response_due += contacted || (to > m->response_due && !in_time);
        r.responded_in_level += contacted && m->contacted <= m->response_due;
        r.response_overdue += open && !contacted && to > m->response_due;
        r.open += open;
        r.granted += granted;
        r.declined += decided && !granted;
        r.withdrawn += withdrawn;
        r.decided_in_level += decided && m->decided <= m->decision_due;
        r.decision_overdue += open && to > m->decision_due;
        if (decided) {
            r.decided_requested_fen += m->amount;
            dec[nd++] = naive_count(m->posted, m->decided);
        }
        if (decided && !granted) r.declines[m->reason]++;
        if (!granted) continue;
        r.granted_fen += m->granted;
        int32_t first = 0;
        for (size_t k = 0; k < n_loans[m->facility]; k++) {
            int32_t d = loans_on[m->facility][k];
            if (d >= m->decided && d <= to && (!first || d < first)) first = d;
        }
        if (first) lon[nl++] = naive_count(m->posted, first);
    }
    for (int p = 0; p < PARTIES; p++)
        r.enterprises += seen[p];
    r.decided = r.granted + r.declined;
    r.response_rate_e6 = naive_ratio(r.responded_in_level, r.response_due);
    r.match_rate_e6 = naive_ratio(r.granted, r.decided);
    r.amount_rate_e6 = naive_ratio(r.granted_fen, r.decided_requested_fen);
    r.decision_median_x2 = naive_median_x2(dec, nd);
    r.decision_p90 = naive_p90(dec, nd);
    r.drawn = (int64_t)nl;
    r.loan_median_x2 = naive_median_x2(lon, nl);
    r.loan_p90 = naive_p90(lon, nl);
    return r;
}

static bool same_figures(const fb_demand_row *a, const fb_demand_row *b) {
    const int64_t x[] = {a->enterprises,
                         a->received,
                         a->requested_fen,
                         a->response_due,
                         a->responded_in_level,
                         a->response_overdue,
                         a->open,
                         a->granted,
                         a->declined,
                         a->withdrawn,
                         a->decided,
                         a->decided_in_level,
                         a->decision_overdue,
                         a->decided_requested_fen,
                         a->granted_fen,
                         a->response_rate_e6,
                         a->match_rate_e6,
                         a->amount_rate_e6,
                         a->decision_median_x2,
                         a->decision_p90,
                         a->drawn,
                         a->loan_median_x2,
                         a->loan_p90};
    const int64_t y[] = {b->enterprises,
                         b->received,
                         b->requested_fen,
                         b->response_due,
                         b->responded_in_level,
                         b->response_overdue,
                         b->open,
                         b->granted,
                         b->declined,
                         b->withdrawn,
                         b->decided,
                         b->decided_in_level,
                         b->decision_overdue,
                         b->decided_requested_fen,
                         b->granted_fen,
                         b->response_rate_e6,
                         b->match_rate_e6,
                         b->amount_rate_e6,
                         b->decision_median_x2,
                         b->decision_p90,
                         b->drawn,
                         b->loan_median_x2,
                         b->loan_p90};
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
        if (x[i] != y[i]) {
            printf("    figure %zu: %lld, the recount %lld\n", i, (long long)x[i], (long long)y[i]);
            return false;
        }
    }
    return memcmp(a->declines, b->declines, sizeof a->declines) == 0;
}

static void the_measures_are_the_recount(int32_t first, int32_t last) {
    static const int32_t cities[3] = {210200, 210100, 210300};
    for (int k = 0; k < 40; k++) {
        int32_t from = first + (int32_t)rnd((uint64_t)(last - first));
        int32_t to = from + (int32_t)rnd((uint64_t)(last - from + 1));
        fb_demand_row *rows = NULL;
        size_t n = 0;
        EXPECT_EQ_INT(FB_OK, fb_report_demands(L, from, to, FB_BY_CITY, 0, &rows, &n));
        for (int c = 0; c < 3; c++) {
            fb_demand_row expect = naive_row(cities[c], from, to);
            const fb_demand_row *got = NULL;
            for (size_t i = 0; i < n; i++)
                if (rows[i].city == cities[c]) got = &rows[i];
            if (expect.received == 0) {
                EXPECT_TRUE(got == NULL);
                continue;
            }
            EXPECT_TRUE(got != NULL);
            if (got && !same_figures(got, &expect)) {
                printf("    city %d, days %d to %d\n", cities[c], from, to);
                EXPECT_TRUE(false);
            }
        }
        /* A government's table: no small cell shown, no line of cities with one hidden. */
        free(rows);
        EXPECT_EQ_INT(FB_OK,
                      fb_report_demands_protected(L, from, to, FB_BY_CITY, 210000, &rows, &n));
        size_t hidden = 0;
        for (size_t i = 0; i < n; i++) {
            hidden += rows[i].hidden;
            if (rows[i].enterprises < 3) EXPECT_TRUE(rows[i].hidden);
        }
        EXPECT_TRUE(hidden != 1 || n == 1);
        free(rows);
    }
}

static void random_demands_follow_the_rules(void) {
    const char *env = getenv("FB_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 10) : (uint64_t)fb_now_ns();
    printf("  seed %llu (FB_SEED=%llu repeats it)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    rng_state = seed;
    open_book();
    for (int p = 0; p < PARTIES; p++) {
        fb_party x;
        memset(&x, 0, sizeof x);
        snprintf(x.id, sizeof x.id, "%s", parties[p]);
        x.kind = FB_PARTY_INDIVIDUAL_BUSINESS;
        snprintf(x.name, sizeof x.name, "个体户%d", p);
        char first17[18], tmp[19];
        snprintf(first17, sizeof first17, "92%06dMA%07d", divisions[p], p + 1);
        fb_uscc_info info;
        snprintf(tmp, sizeof tmp, "%s0", first17);
        fb_uscc_check(tmp, 18, &info);
        snprintf(x.uscc, sizeof x.uscc, "%s%c", first17, info.expected_check);
        x.region = divisions[p];
        x.industry = 5274;
        const char *field = NULL;
        char reason[200];
        EXPECT_EQ_INT(FB_OK, fb_party_prepare(&x, &field, reason, sizeof reason));
        fb_party_outcome o;
        EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &x, 1, &o));
        char fac[32];
        snprintf(fac, sizeof fac, "F-%s", parties[p]);
        facility(fac, parties[p], FB_LINE_INCLUSIVE, limits[p], true);
        users[p] = (fb_user){"", FB_ROLE_ENTERPRISE, "", 0};
        snprintf(users[p].name, sizeof users[p].name, "user-%s", parties[p]);
        snprintf(users[p].party, sizeof users[p].party, "%s", parties[p]);
    }
    users[PARTIES] = (fb_user){"dalian", FB_ROLE_GOVERNMENT, "", 210200};
    users[PARTIES + 1] = (fb_user){"liaoning", FB_ROLE_GOVERNMENT, "", 210000};
    users[PARTIES + 2] = (fb_user){"auditor", FB_ROLE_AUDITOR, "", 0};
    int32_t first = day("2025-01-02");
    eod("2025-01-01");
    for (int32_t d = first; d < first + DAYS; d++) {
        for (uint64_t k = rnd(8); k > 0; k--)
            post_random(d);
        for (uint64_t k = rnd(20); k > 0; k--)
            step_random(d);
        if (rnd(3) == 0) draw_random(d);
        char date[11];
        eod(fb_date_format(d, date));
    }
    printf("  %zu demands, %ld results checked against the model:", n_demands, checked_results);
    for (int r = 0; r <= FB_DEMAND_NOT_POSTER; r++) {
        if (seen_results[r])
            printf(" %ld %s", seen_results[r], fb_demand_result_name((fb_demand_result)r));
    }
    printf("\n");
    EXPECT_TRUE(n_demands > 100 && checked_results > 1000);
    /* Every result the model can reach was reached (the others: no_business_date before the
     * first end of day, no_calendar, before_last_step, project_not_found are test_demands.c's). */
    for (int r = 0; r <= FB_DEMAND_NOT_POSTER; r++) {
        bool unreachable = r == FB_DEMAND_NO_BUSINESS_DATE || r == FB_DEMAND_NO_CALENDAR ||
                           r == FB_DEMAND_BEFORE_LAST_STEP || r == FB_DEMAND_PROJECT_NOT_FOUND;
        if (!unreachable && !seen_results[r])
            printf("    %s never came\n", fb_demand_result_name((fb_demand_result)r));
        EXPECT_TRUE(unreachable || seen_results[r] > 0);
    }
    the_book_holds_the_model();
    verify_ok();
    the_measures_are_the_recount(first, first + DAYS - 1);
    fb_book_close(L);
}

int main(void) {
    RUN(random_demands_follow_the_rules);
    return test_summary();
}
