/* test_cooperation.c — agreements' progress against figures computed by hand from a small
 * scripted half-year of one city's books; a major project's approved, drawn and outstanding;
 * new credit in a period from the running sums, which verify recounts and an older book's
 * migration rebuilds; and the refusals of bad agreements, projects and dates. */
#include <sqlite3.h>

#include "book.h"

static fb_target target(fb_measure m, const char *dimension, int64_t amount) {
    fb_target t;
    memset(&t, 0, sizeof t);
    t.measure = m;
    snprintf(t.dimension, sizeof t.dimension, "%s", dimension);
    t.amount = amount;
    return t;
}

static fb_agreement agreement(const char *id, int32_t region) {
    fb_agreement a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    snprintf(a.bank, sizeof a.bank, "某银行辽宁省分行");
    a.region = region;
    a.start_date = day("2025-01-01");
    a.end_date = day("2025-12-31");
    a.targets[a.n_targets++] = target(FB_MEASURE_NEW_CREDIT, "", 400000000);
    a.targets[a.n_targets++] = target(FB_MEASURE_NEW_CREDIT, "line:technology", 200000000);
    a.targets[a.n_targets++] = target(FB_MEASURE_INCLUSIVE_BORROWERS, "", 4);
    a.targets[a.n_targets++] = target(FB_MEASURE_INCLUSIVE_BALANCE, "", 10000000);
    a.targets[a.n_targets++] = target(FB_MEASURE_GREEN_BALANCE, "", 50000000);
    a.targets[a.n_targets++] = target(FB_MEASURE_SUPPLY_CHAIN_FINANCING, "", 20000000);
    a.targets[a.n_targets++] = target(FB_MEASURE_INCLUSIVE_RATE_MAX, "", 45000);
    a.targets[a.n_targets++] = target(FB_MEASURE_NPL_RATIO_MAX, "", 20000);
    return a;
}

static const fb_progress *find(const fb_progress *p, size_t n, fb_measure m, const char *dim) {
    for (size_t i = 0; i < n; i++) {
        if (p[i].target.measure == m && strcmp(p[i].target.dimension, dim) == 0) return &p[i];
    }
    return NULL;
}

/* Three Dalian borrowers: a large technology firm (also a core with a supply-chain line), a large
 * green one, a micro shop (inclusive); loans drawn on 2025-02-01, 03-01 and 04-01, the days
 * before each closed. */
static void three_borrowers(void) {
    party("tech", 1, true);
    party("green", 2, true);
    party("shop", 3, false);
    facility("ft", "tech", FB_LINE_TECHNOLOGY, 200000000, true);
    facility("fg", "green", FB_LINE_GREEN, 100000000, true);
    facility("fi", "shop", FB_LINE_INCLUSIVE, 30000000, true);
    facility("fs", "tech", FB_LINE_SUPPLY_CHAIN, 50000000, true);
    /* Each drawn on its day: once days are closed, drawdowns are dated the day open. */
    loan("L1", "ft", 100000000, 40000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-02-01");
    fund("tech", 10000000);
    fund("shop", 2000000);
    eod("2025-02-28");
    loan("L2", "fg", 50000000, 35000, 0, 6, FB_METHOD_BULLET, "2025-03-01");
    eod("2025-03-31");
    loan("L3", "fi", 20000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-04-01");
}

/* The shop finances 100,000.00 of a 300,000.00 certificate that tech issued it. */
static void shop_finances(const char *issued, const char *financed) {
    fb_cert_issue ci;
    memset(&ci, 0, sizeof ci);
    snprintf(ci.id, sizeof ci.id, "C1");
    snprintf(ci.core, sizeof ci.core, "tech");
    snprintf(ci.holder, sizeof ci.holder, "shop");
    ci.face_fen = 30000000;
    ci.issue_date = day(issued);
    ci.maturity = day("2025-09-10");
    fb_cert_outcome co;
    EXPECT_EQ_INT(FB_OK, fb_certs_issue(L, &ci, 1, &co));
    EXPECT_EQ_INT(FB_CERT_DONE, co.result);
    fb_cert_move fm;
    memset(&fm, 0, sizeof fm);
    snprintf(fm.part, sizeof fm.part, "C1");
    snprintf(fm.id, sizeof fm.id, "C1-f");
    fm.amount_fen = 10000000;
    fm.date = day(financed);
    fm.discount_rate_e6 = 30000;
    EXPECT_EQ_INT(FB_OK, fb_certs_finance(L, &fm, 1, &co));
    EXPECT_EQ_INT(FB_CERT_DONE, co.result);
}

static void progress_is_measured_from_the_books(void) {
    open_book();
    three_borrowers();
    shop_finances("2025-04-10", "2025-05-01");
    eod("2025-06-30");
    fb_agreement a = agreement("DL-2025", 210200), b = agreement("SY-2025", 210100);
    bool exists = true;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    EXPECT_TRUE(!exists);
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    EXPECT_TRUE(exists);
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &b, &exists));
    static fb_progress p[FB_TARGETS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "DL-2025", day("2025-06-30"), p, &n));
    EXPECT_EQ_INT(8, n);
    /* By hand: 1,000,000 + 500,000 + 200,000 drawn; of it 1,000,000 technology. */
    EXPECT_EQ_INT(170000000, find(p, n, FB_MEASURE_NEW_CREDIT, "")->achieved);
    EXPECT_EQ_INT(4250, find(p, n, FB_MEASURE_NEW_CREDIT, "")->percent_e2);
    EXPECT_EQ_INT(4958, find(p, n, FB_MEASURE_NEW_CREDIT, "")->elapsed_percent_e2); /* 181/365 */
    EXPECT_TRUE(!find(p, n, FB_MEASURE_NEW_CREDIT, "")->on_track);
    EXPECT_EQ_INT(100000000, find(p, n, FB_MEASURE_NEW_CREDIT, "line:technology")->achieved);
    EXPECT_TRUE(find(p, n, FB_MEASURE_NEW_CREDIT, "line:technology")->on_track);
    /* The shop's loan: 200,000 less the principal of the installments of May and June. */
    fb_installment s[12];
    size_t k = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "L3", s, 12, &k));
    EXPECT_EQ_INT(20000000 - s[0].principal_fen - s[1].principal_fen,
                  find(p, n, FB_MEASURE_INCLUSIVE_BALANCE, "")->achieved);
    EXPECT_EQ_INT(1, find(p, n, FB_MEASURE_INCLUSIVE_BORROWERS, "")->achieved);
    EXPECT_EQ_INT(50000000, find(p, n, FB_MEASURE_GREEN_BALANCE, "")->achieved);
    EXPECT_EQ_INT(10000000, find(p, n, FB_MEASURE_SUPPLY_CHAIN_FINANCING, "")->achieved);
    EXPECT_EQ_INT(40000, find(p, n, FB_MEASURE_INCLUSIVE_RATE_MAX, "")->achieved);
    EXPECT_TRUE(find(p, n, FB_MEASURE_INCLUSIVE_RATE_MAX, "")->on_track);
    EXPECT_EQ_INT(0, find(p, n, FB_MEASURE_NPL_RATIO_MAX, "")->achieved);
    /* On an earlier day: before the shop's loan and the financing. */
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "DL-2025", day("2025-03-15"), p, &n));
    EXPECT_EQ_INT(150000000, find(p, n, FB_MEASURE_NEW_CREDIT, "")->achieved);
    EXPECT_EQ_INT(0, find(p, n, FB_MEASURE_INCLUSIVE_BORROWERS, "")->achieved);
    EXPECT_EQ_INT(0, find(p, n, FB_MEASURE_SUPPLY_CHAIN_FINANCING, "")->achieved);
    /* Shenyang's agreement sees none of Dalian's borrowers. */
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "SY-2025", day("2025-06-30"), p, &n));
    EXPECT_EQ_INT(0, find(p, n, FB_MEASURE_NEW_CREDIT, "")->achieved);
    /* The credit report, from the running aggregates, agrees with the loans themselves. */
    fb_report_row *rows = NULL;
    size_t nr = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_credit(L, day("2025-06-30"), day("2025-01-01"), FB_BY_LINE,
                                          210200, &rows, &nr));
    EXPECT_EQ_INT(3, nr);
    fb_loan_position l1, l3;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "L1", &l1));
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "L3", &l3));
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].line == FB_LINE_TECHNOLOGY) {
            EXPECT_EQ_INT(l1.principal_fen, rows[i].balance_fen);
            EXPECT_EQ_INT(100000000 - 4 * (100000000 / 12), rows[i].balance_fen); /* 4 paid */
            EXPECT_EQ_INT(100000000, rows[i].new_fen);
            EXPECT_EQ_INT(1, rows[i].borrowers);
        } else if (rows[i].line == FB_LINE_GREEN) {
            EXPECT_EQ_INT(50000000, rows[i].balance_fen);
        } else {
            EXPECT_EQ_INT(FB_LINE_INCLUSIVE, rows[i].line);
            EXPECT_EQ_INT(l3.principal_fen, rows[i].balance_fen);
        }
        EXPECT_EQ_INT(-1, rows[i].city);
    }
    free(rows);
    EXPECT_EQ_INT(FB_OK, fb_report_credit(L, day("2025-06-30"), 0, FB_BY_CITY, 210100, &rows, &nr));
    EXPECT_EQ_INT(0, nr); /* Shenyang: none of these borrowers */
    free(rows);
    EXPECT_EQ_INT(FB_EINVAL, fb_report_credit(L, day("2025-07-01"), 0, 0, 0, &rows, &nr));
    fb_exposure e[3];
    size_t ne = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_exposures(L, 3, e, &ne));
    EXPECT_EQ_INT(3, ne);
    EXPECT_EQ_STR("tech", e[0].party);
    EXPECT_EQ_STR("green", e[1].party);
    EXPECT_EQ_INT(50000000, e[1].principal_fen);
    /* Each borrower's worst class, from the aggregates, is the worst of its active loans'. */
    for (size_t i = 0; i < ne; i++) {
        fb_list_id ids[16];
        size_t nl = 0;
        int worst = -2, want = -1;
        EXPECT_EQ_INT(FB_OK, fb_list(L, FB_LIST_PARTY_LOANS, e[i].party, ids, 16, &nl));
        for (size_t j = 0; j < nl; j++) {
            fb_loan_position pos;
            EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, ids[j], &pos));
            if (pos.status == FB_LOAN_ACTIVE && (int)pos.loan_class > want)
                want = (int)pos.loan_class;
        }
        EXPECT_EQ_INT(FB_OK, fb_party_worst_class(L, e[i].party, &worst));
        EXPECT_TRUE(want >= 0);
        EXPECT_EQ_INT(want, worst);
    }
    int none = -2;
    EXPECT_EQ_INT(FB_OK, fb_party_worst_class(L, "no-such-party", &none));
    EXPECT_EQ_INT(-1, none);
    /* Not a closed day, or outside the period. */
    EXPECT_EQ_INT(FB_EINVAL, fb_agreement_progress(L, "DL-2025", day("2025-07-01"), p, &n));
    EXPECT_EQ_INT(FB_EINVAL, fb_agreement_progress(L, "DL-2025", day("2024-12-31"), p, &n));
    verify_ok();
    fb_book_close(L);
}

static void a_project_shows_what_is_financed(void) {
    open_book();
    party("builder", 1, true);
    fb_project pr;
    memset(&pr, 0, sizeof pr);
    snprintf(pr.id, sizeof pr.id, "P1");
    snprintf(pr.name, sizeof pr.name, "大连湾海底隧道配套工程");
    pr.city = 210200;
    pr.industry = 4812;
    pr.total_investment_fen = 300000000000LL;
    pr.financing_need_fen = 100000000000LL;
    pr.status = FB_PROJECT_UNDER_CONSTRUCTION;
    pr.start_date = day("2025-01-01");
    const char *field = NULL;
    char reason[160];
    EXPECT_EQ_INT(FB_OK, fb_project_check(&pr, &field, reason, sizeof reason));
    fb_project_result res;
    EXPECT_EQ_INT(FB_OK, fb_projects_create(L, &pr, 1, &res));
    EXPECT_EQ_INT(FB_PROJECT_CREATED, res);
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "fp");
    snprintf(f.party, sizeof f.party, "builder");
    f.line = FB_LINE_GENERAL;
    f.limit_fen = 2000000000;
    f.start_date = day("2025-01-01");
    f.end_date = day("2027-12-31");
    snprintf(f.project, sizeof f.project, "P1");
    EXPECT_EQ_INT(FB_OK, fb_facility_check(&f, &field, reason, sizeof reason));
    fb_facility_outcome fo;
    EXPECT_EQ_INT(FB_OK, fb_facilities_create(L, &f, 1, &fo));
    loan("LP", "fp", 500000000, 38000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-02-01");
    fund("builder", 10000000);
    eod("2025-04-30");
    fb_project got;
    EXPECT_EQ_INT(FB_OK, fb_project_get(L, "P1", &got));
    EXPECT_EQ_INT(2000000000, got.approved_fen);
    EXPECT_EQ_INT(500000000, got.drawn_fen);
    EXPECT_EQ_INT(500000000 - 2 * 500000000 / 24, got.outstanding_fen); /* two installments */
    /* Bad projects and agreements are refused before anything is written. */
    pr.city = 110100;
    EXPECT_EQ_INT(FB_EINVAL, fb_project_check(&pr, &field, reason, sizeof reason));
    EXPECT_EQ_STR("city", field);
    pr.city = 210200;
    pr.industry = 9999;
    EXPECT_EQ_INT(FB_EINVAL, fb_project_check(&pr, &field, reason, sizeof reason));
    EXPECT_EQ_STR("industry", field);
    fb_agreement a = agreement("X", 210000);
    a.end_date = a.start_date - 1;
    EXPECT_EQ_INT(FB_EINVAL, fb_agreement_check(&a, &field, reason, sizeof reason));
    EXPECT_EQ_STR("end_date", field);
    a = agreement("X", 210000);
    a.targets[0].amount = -1;
    EXPECT_EQ_INT(FB_EINVAL, fb_agreement_check(&a, &field, reason, sizeof reason));
    a = agreement("X", 210000);
    snprintf(a.targets[1].dimension, sizeof a.targets[1].dimension, "city:110100");
    EXPECT_EQ_INT(FB_EINVAL, fb_agreement_check(&a, &field, reason, sizeof reason));
    verify_ok();
    fb_book_close(L);
}

static char said[4096];
static void keep_line(void *ctx, const char *line) {
    (void)ctx;
    size_t n = strlen(said);
    snprintf(said + n, sizeof said - n, "%s\n", line);
}

static uint64_t verify_failures(void) {
    uint64_t failures = 0;
    said[0] = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, keep_line, NULL, &failures));
    return failures;
}

/* The audit log and users as schema 13 had them (this book has no user and no entry), so that a
 * book set back to an older version migrates through 14 again. */
/* The migrations of value dates and of balances written behind, undone (what is behind written
 * first, as a book before them had every balance in its row). */
/* What the chain's migration added (store/chain.c). */
#define UNDO_CHAIN " DROP TABLE ledger_chain; ALTER TABLE repayments DROP COLUMN chain;"
#define UNDO_VALUE_DATES                                                                           \
    UNDO_CHAIN                                                                                     \
    " UPDATE accounts SET debits_posted = (SELECT debits_posted FROM accounts_now n"               \
    " WHERE n.key = accounts.key), credits_posted = (SELECT credits_posted FROM accounts_now n"    \
    " WHERE n.key = accounts.key); DROP VIEW accounts_now;"                                        \
    " DELETE FROM meta WHERE key = 'balances_through'; DROP TABLE value_days;"                     \
    " ALTER TABLE transfers DROP COLUMN value_date; ALTER TABLE balances DROP COLUMN value_date;"
#define UNDO_SCHEMA_14                                                                             \
    UNDO_VALUE_DATES                                                                               \
    " DROP TABLE audit_keying; DROP TABLE audit; DROP TABLE users;"                                \
    " CREATE TABLE users(key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL,"  \
    " party TEXT, region INTEGER, token_hash BLOB NOT NULL UNIQUE, password_hash TEXT,"            \
    " created_at INTEGER NOT NULL) STRICT;"                                                        \
    " CREATE TABLE audit(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,"       \
    " request_id TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT "     \
    "NULL,"                                                                                        \
    " outcome TEXT NOT NULL, prev BLOB NOT NULL, hash BLOB NOT NULL) STRICT;"                      \
    " CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT 1; END;"                  \
    " CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END;"

/* What the financing demands' migrations added (this book has no demand and no loaded notice),
 * with the trigger on loans that keeps a granted demand's first drawdown. */
#define UNDO_DEMANDS                                                                               \
    " DROP TRIGGER loans_demand_drawdown; DROP TABLE demand_steps; DROP TABLE demands;"            \
    " DROP TABLE calendar_days;"                                                                   \
    " DROP TABLE calendar_years;"

/* What the lines of credit's migration added (parties are rebuilt by it whatever they hold). */
#define UNDO_LINES_OF_CREDIT                                                                       \
    " DROP TABLE facility_changes; DROP INDEX facilities_expiring;"                                \
    " ALTER TABLE facilities DROP COLUMN status; ALTER TABLE loans DROP COLUMN manual_collection;" \
    " ALTER TABLE loans DROP COLUMN personal_purpose; ALTER TABLE loans DROP COLUMN restructured;" \
    " ALTER TABLE loans DROP COLUMN payment; ALTER TABLE loans DROP COLUMN payee;"                 \
    " ALTER TABLE loans DROP COLUMN payee_account; ALTER TABLE loans DROP COLUMN payee_name;"      \
    " ALTER TABLE loans DROP COLUMN purpose;"                                                      \
    " DROP TABLE loan_openings; DROP TABLE class_changes; DROP TABLE class_floors;"                \
    " DROP TABLE wealth_figures;"                                                                  \
    " DROP TABLE import_runs;"
/* What the government's schemes' migrations added (pools, subsidies, guarantees): this book has
 * none. */
#define UNDO_SCHEMES                                                                               \
    " DROP TRIGGER loan_state_pool_insert; DROP TRIGGER loan_state_pool_update;"                   \
    " DROP TRIGGER loan_state_pool_delete; DROP TRIGGER pools_kept;"                               \
    " DROP TRIGGER pool_cover_kept_insert; DROP TRIGGER pool_cover_kept_update;"                   \
    " DROP TABLE pool_kept;"                                                                       \
    " DROP TABLE pool_cover; DROP TABLE pool_funding; DROP TABLE pools; DROP TABLE subsidy_net;"   \
    " DROP TABLE subsidy_accrual; DROP TABLE subsidy_claims; DROP TABLE subsidy_enrol;"            \
    " DROP TABLE subsidies; DROP TABLE guarantees; DROP TABLE agg_scheme_daily;"                   \
    " DROP TABLE credit_reports; DROP TABLE agg_drawer; DROP TABLE agg_drawer_daily;"              \
    " DROP TRIGGER loan_state_quality_insert; DROP TRIGGER loan_state_quality_update;"             \
    " DROP TRIGGER loan_state_quality_delete; DELETE FROM meta WHERE key = 'quality_kept';"        \
    " DROP TABLE scheme_daily;"
/* What migrations 15 to 18 added (the regulator's book), undone with the rest. */
#define UNDO_SCHEMA_15                                                                             \
    " DROP TABLE class_history; DROP TABLE loan_changes; DROP TABLE provisions;"                   \
    " DROP TABLE provision_runs; DROP TABLE provision_moves; DROP TABLE quality_monthly;"          \
    " DROP TABLE green_catalogue;"                                                                 \
    " ALTER TABLE loan_state DROP COLUMN nonaccrual;"                                              \
    " ALTER TABLE loan_state DROP COLUMN oi_due;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN oi_run;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN op_due;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN retail;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN manual;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN cured;"                                                   \
    " ALTER TABLE loan_state DROP COLUMN ontime;"                                                  \
    " ALTER TABLE loan_state DROP COLUMN restructured;"                                            \
    " ALTER TABLE loan_state DROP COLUMN obs_start;"                                               \
    " ALTER TABLE loan_state DROP COLUMN obs_end;"                                                 \
    " ALTER TABLE loan_state DROP COLUMN obs_floor;"                                               \
    " ALTER TABLE loan_state DROP COLUMN obs_missed;"                                              \
    " ALTER TABLE loan_state DROP COLUMN resolved;"                                                \
    " ALTER TABLE loan_state DROP COLUMN capitalised;"                                             \
    " ALTER TABLE loan_state DROP COLUMN extended;"                                                \
    " ALTER TABLE loan_state DROP COLUMN changes;"                                                 \
    " ALTER TABLE loan_state DROP COLUMN classes;"                                                 \
    " ALTER TABLE repayments DROP COLUMN off_balance;" UNDO_SCHEMES

static void sql(const char *path, const char *statements) {
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db, statements, NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    int rc = fb_book_open(path, 0, &L, err, sizeof err);
    if (rc != FB_OK) printf("    opening the book: %s\n", err);
    EXPECT_EQ_INT(FB_OK, rc);
}

/* New credit by line from..as_of, in the order technology, green, inclusive (-1: no row). */
static void new_by_line(const char *from, const char *as_of, int64_t out[3]) {
    fb_report_row *rows = NULL;
    size_t n = 0;
    out[0] = out[1] = out[2] = -1;
    EXPECT_EQ_INT(FB_OK, fb_report_credit(L, day(as_of), day(from), FB_BY_LINE, 0, &rows, &n));
    for (size_t i = 0; i < n; i++) {
        int k = rows[i].line == FB_LINE_TECHNOLOGY ? 0 : rows[i].line == FB_LINE_GREEN ? 1 : 2;
        out[k] = rows[i].new_fen;
    }
    free(rows);
}

static void new_credit_in_a_period_is_kept_recounted_and_migrated(void) {
    open_book();
    three_borrowers();
    loan("L4", "fi", 5000000, 38000, 0, 6, FB_METHOD_EQUAL_PRINCIPAL, "2025-04-01");
    eod("2025-05-31");
    /* By hand: the periods that start or end on a drawdown's day, and one with none. */
    int64_t v[3];
    new_by_line("2025-03-01", "2025-04-30", v);
    EXPECT_EQ_INT(0, v[0]); /* L1 was drawn before the period; its balance still shows */
    EXPECT_EQ_INT(50000000, v[1]);
    EXPECT_EQ_INT(25000000, v[2]);
    new_by_line("2025-03-02", "2025-03-31", v);
    EXPECT_EQ_INT(0, v[0]);
    EXPECT_EQ_INT(0, v[1]);
    EXPECT_EQ_INT(-1, v[2]); /* no inclusive loan yet: no row */
    new_by_line("2025-02-01", "2025-02-01", v);
    EXPECT_EQ_INT(100000000, v[0]);
    EXPECT_EQ_INT(-1, v[1]);
    new_by_line("2025-04-01", "2025-05-31", v);
    EXPECT_EQ_INT(25000000, v[2]);
    EXPECT_EQ_INT(0, verify_failures());
    /* verify recounts the running sums: a changed amount, then a missing day. */
    sql(book_path, "UPDATE agg_new_daily SET amount = amount + 1 WHERE date = (SELECT MAX(date)"
                   " FROM agg_new_daily)");
    EXPECT_TRUE(verify_failures() > 0);
    EXPECT_TRUE(strstr(said, "new credit through the day differs from a recount by 1 fen") != NULL);
    sql(book_path, "UPDATE agg_new_daily SET amount = amount - 1 WHERE date = (SELECT MAX(date)"
                   " FROM agg_new_daily); DELETE FROM agg_new_daily WHERE date = (SELECT MAX(date)"
                   " FROM agg_new_daily)");
    EXPECT_EQ_INT(1, verify_failures());
    EXPECT_TRUE(strstr(said, "closed days by cell expected") != NULL);
    /* A book of the schema before the running sums: migrating it rebuilds them. */
    sql(book_path, "DROP TABLE agg_new_daily; DROP TABLE agg_financing; DROP INDEX loans_project;"
                   " DROP INDEX facilities_project; UPDATE meta SET value = 11"
                   " WHERE key = 'schema_version';" UNDO_SCHEMA_14 UNDO_DEMANDS UNDO_LINES_OF_CREDIT
                       UNDO_SCHEMA_15);
    EXPECT_EQ_INT(fb_schema_version_current(), fb_book_schema_version(L));
    EXPECT_EQ_INT(0, verify_failures());
    new_by_line("2025-03-01", "2025-04-30", v);
    EXPECT_EQ_INT(50000000, v[1]);
    EXPECT_EQ_INT(25000000, v[2]);
    new_by_line("2025-02-01", "2025-05-31", v);
    EXPECT_EQ_INT(100000000, v[0]);
    /* Supply-chain financing, kept by day and the seller's city as parts are financed. */
    shop_finances("2025-06-01", "2025-06-01");
    eod("2025-06-30");
    fb_agreement a = agreement("DL-2025", 210200);
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    static fb_progress p[FB_TARGETS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "DL-2025", day("2025-06-30"), p, &n));
    EXPECT_EQ_INT(10000000, find(p, n, FB_MEASURE_SUPPLY_CHAIN_FINANCING, "")->achieved);
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "DL-2025", day("2025-05-31"), p, &n));
    EXPECT_EQ_INT(0, find(p, n, FB_MEASURE_SUPPLY_CHAIN_FINANCING, "")->achieved);
    EXPECT_EQ_INT(0, verify_failures());
    sql(book_path, "UPDATE agg_financing SET amount = amount + 1");
    EXPECT_EQ_INT(1, verify_failures());
    EXPECT_TRUE(strstr(said, "supply-chain financing differs from a recount by 1 fen") != NULL);
    /* Before the table existed: migrating sums the financed parts. */
    sql(book_path,
        "DROP TABLE agg_financing; UPDATE meta SET value = 12 WHERE key = "
        "'schema_version';" UNDO_SCHEMA_14 UNDO_DEMANDS UNDO_LINES_OF_CREDIT UNDO_SCHEMA_15);
    EXPECT_EQ_INT(0, verify_failures());
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "DL-2025", day("2025-06-30"), p, &n));
    EXPECT_EQ_INT(10000000, find(p, n, FB_MEASURE_SUPPLY_CHAIN_FINANCING, "")->achieved);
    fb_book_close(L);
    L = NULL;
}

static int64_t principal(const char *loan) { return position(loan).principal_fen; }

/* The borrower pays the loan off with more than it owes. */
static void payoff(const char *loan) {
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay(loan, 100000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, r.status);
}

static void the_two_increases_compare_with_the_year_before(void) {
    open_book();
    party("tech", 1, true);
    party("shop", 3, false); /* micro: inclusive */
    facility("ft", "tech", FB_LINE_TECHNOLOGY, 200000000, true);
    facility("fi", "shop", FB_LINE_INCLUSIVE, 30000000, true);
    loan("L1", "ft", 100000000, 40000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-06-01");
    loan("L2", "fi", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-06-01");
    fund("tech", 20000000);
    fund("shop", 2000000);
    eod("2025-12-31");
    int64_t all0 = principal("L1") + principal("L2"), inc0 = principal("L2");
    fb_two_increases t;
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases(L, day("2025-12-31"), 210200, &t));
    EXPECT_EQ_INT(day("2024-12-31"), t.base_date);
    EXPECT_EQ_INT(inc0, t.inclusive_fen);
    EXPECT_EQ_INT(0, t.all_base_fen);
    EXPECT_EQ_INT(-1, t.balance_ok); /* the books' first year: nothing to compare with */
    EXPECT_EQ_INT(-1, t.borrowers_ok);
    /* January: the shop borrows 100,000 more; inclusive loans grow faster than all loans. */
    loan("L3", "fi", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2026-01-01");
    eod("2026-01-31");
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases(L, day("2026-01-31"), 210200, &t));
    EXPECT_EQ_INT(day("2025-12-31"), t.base_date);
    EXPECT_EQ_INT(inc0, t.inclusive_base_fen);
    EXPECT_EQ_INT(all0, t.all_base_fen);
    EXPECT_EQ_INT(principal("L2") + principal("L3"), t.inclusive_fen);
    EXPECT_EQ_INT(principal("L1") + principal("L2") + principal("L3"), t.all_fen);
    EXPECT_EQ_INT(1, t.borrowers);
    EXPECT_EQ_INT(1, t.borrowers_base);
    EXPECT_EQ_INT(1, t.balance_ok);
    EXPECT_EQ_INT(1, t.borrowers_ok);
    /* February: the shop pays everything off; both increases fail. */
    fund("shop", 300000000);
    payoff("L2");
    payoff("L3");
    eod("2026-02-28");
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases(L, day("2026-02-28"), 210000, &t));
    EXPECT_EQ_INT(0, t.inclusive_fen);
    EXPECT_EQ_INT(principal("L1"), t.all_fen);
    EXPECT_EQ_INT(0, t.borrowers);
    EXPECT_EQ_INT(0, t.balance_ok);
    EXPECT_EQ_INT(0, t.borrowers_ok);
    /* Shenyang has none of these borrowers; the business date is not a closed day. */
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases(L, day("2026-02-28"), 210100, &t));
    EXPECT_EQ_INT(0, t.all_fen);
    EXPECT_EQ_INT(-1, t.balance_ok);
    EXPECT_EQ_INT(FB_EINVAL, fb_report_two_increases(L, day("2026-03-01"), 0, &t));
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    test_run("progress_is_measured_from_the_books", progress_is_measured_from_the_books);
    test_run("a_project_shows_what_is_financed", a_project_shows_what_is_financed);
    test_run("new_credit_in_a_period_is_kept_recounted_and_migrated",
             new_credit_in_a_period_is_kept_recounted_and_migrated);
    test_run("the_two_increases_compare_with_the_year_before",
             the_two_increases_compare_with_the_year_before);
    return test_summary();
}
