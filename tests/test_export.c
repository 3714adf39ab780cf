/* test_export.c — the exports, read back: every kind from a small book of two cities written as
 * CSV and as XLSX; the CSV parsed here; the XLSX read back twice, by gnumeric's ssconvert and by
 * tests/xlsx_to_csv.py (Python's zipfile and xml), each string equal to the CSV's; the figures
 * equal to the book's; a region's export holds its borrowers only; amounts past 15 digits are
 * text, exactly; the float argument of xlsx_writer.c checked over random amounts; a table longer
 * than a sheet goes on in the next; the refusals (a day the book does not hold, too many rows). */
#include <time.h>
#include <unistd.h>

#include "book.h"
#include "wire/export.h"
#include "wire/export_table.h"

/* ---- Reading files back ---------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = 0;
    if (len) *len = (size_t)n;
    return buf;
}

typedef struct {
    char **cell;
    size_t n;
} row_t;

typedef struct {
    row_t *row;
    size_t n;
} table_t;

static void push_cell(row_t *r, const char *s, size_t len) {
    r->cell = realloc(r->cell, (r->n + 1) * sizeof *r->cell);
    r->cell[r->n] = malloc(len + 1);
    memcpy(r->cell[r->n], s, len);
    r->cell[r->n++][len] = 0;
}

/* RFC 4180: fields in quotes may hold commas, quotes (doubled) and line breaks; lines end in CRLF
 * (or LF, as ssconvert writes). */
static table_t parse_csv(const char *s, size_t len) {
    table_t t = {NULL, 0};
    char *field = malloc(len + 1);
    size_t at = 0, flen = 0;
    bool quoted = false, row_open = false;
    row_t cur = {NULL, 0};
    while (at < len) {
        char c = s[at++];
        row_open = true;
        if (quoted) {
            if (c == '"' && at < len && s[at] == '"') {
                field[flen++] = '"';
                at++;
            } else if (c == '"') {
                quoted = false;
            } else {
                field[flen++] = c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            push_cell(&cur, field, flen);
            flen = 0;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && at < len && s[at] == '\n') at++;
            push_cell(&cur, field, flen);
            flen = 0;
            t.row = realloc(t.row, (t.n + 1) * sizeof *t.row);
            t.row[t.n++] = cur;
            cur = (row_t){NULL, 0};
            row_open = false;
        } else {
            field[flen++] = c;
        }
    }
    if (row_open) {
        push_cell(&cur, field, flen);
        t.row = realloc(t.row, (t.n + 1) * sizeof *t.row);
        t.row[t.n++] = cur;
    }
    free(field);
    return t;
}

static void table_free(table_t *t) {
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->row[i].n; k++)
            free(t->row[i].cell[k]);
        free(t->row[i].cell);
    }
    free(t->row);
    t->row = NULL;
    t->n = 0;
}

/* The cell of a row under a header of the table's first row (the CSV's header), or NULL. */
static const char *at_header(const table_t *t, size_t r, const char *header) {
    for (size_t k = 0; t->n && k < t->row[0].n; k++) {
        if (strcmp(t->row[0].cell[k], header) == 0)
            return k < t->row[r].n ? t->row[r].cell[k] : NULL;
    }
    return NULL;
}

/* gnumeric writes a number as its format shows it: thousands separators, and U+2212 for minus.
 * A field that is such a number ([−]digits and commas[.digits]) loses both. */
static void unformat(char *s) {
    static const char minus[] = "\xE2\x88\x92";
    const char *p = strncmp(s, minus, 3) == 0 ? s + 3 : s;
    size_t digits = 0;
    for (; (*p >= '0' && *p <= '9') || (*p == ',' && digits); p++)
        digits += *p != ',';
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    }
    if (!digits || *p) return;
    char *w = s;
    const char *r = s;
    if (strncmp(r, minus, 3) == 0) {
        *w++ = '-';
        r += 3;
    }
    for (; *r; r++) {
        if (*r != ',') *w++ = *r;
    }
    *w = 0;
}

/* Whether two tables hold the same strings: got from its row `skip` on, expected all of it. */
static bool same_rows(const table_t *expected, const table_t *got, size_t skip, const char *who) {
    if (got->n < skip || got->n - skip < expected->n) {
        printf("    %s: %zu rows, expected %zu\n", who, got->n - skip, expected->n);
        return false;
    }
    for (size_t i = 0; i < expected->n; i++) {
        const row_t *e = &expected->row[i], *g = &got->row[i + skip];
        for (size_t k = 0; k < e->n; k++) {
            const char *v = k < g->n ? g->cell[k] : "";
            if (strcmp(e->cell[k], v) != 0) {
                printf("    %s: row %zu column %zu (%s): expected \"%s\", got \"%s\"\n", who, i, k,
                       expected->row[0].cell[k], e->cell[k], v);
                return false;
            }
        }
    }
    return true;
}

/* ---- The book: two cities, every kind of record ---------------------------------------------- */

static char dir[512];

/* A Shenyang enterprise, micro unless big (book.h's party() is Dalian's). */
static void shenyang_party(const char *id, int serial, bool big, int64_t revenue_fen) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "沈阳%s机床有限公司, \"精密\"", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91210100MA0D%05d", serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = 210102;
    p.industry = 3421;
    p.figures = big ? (fb_firm_figures){5000, revenue_fen, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

static void cert_issue(const char *id, const char *core, const char *holder, int64_t face) {
    fb_cert_issue v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "%s", id);
    snprintf(v.core, sizeof v.core, "%s", core);
    snprintf(v.holder, sizeof v.holder, "%s", holder);
    v.face_fen = face;
    v.issue_date = day("2025-04-01");
    v.maturity = day("2025-09-30");
    snprintf(v.contract, sizeof v.contract, "HT-2025-001");
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_certs_issue(L, &v, 1, &o));
    EXPECT_EQ_INT(FB_CERT_DONE, o.result);
}

static void cert_move(const char *part, const char *id, const char *to, int64_t amount) {
    fb_cert_move v;
    memset(&v, 0, sizeof v);
    snprintf(v.part, sizeof v.part, "%s", part);
    snprintf(v.id, sizeof v.id, "%s", id);
    if (to) snprintf(v.to, sizeof v.to, "%s", to);
    v.amount_fen = amount;
    v.discount_rate_e6 = 32000;
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_OK, to ? fb_certs_transfer(L, &v, 1, &o) : fb_certs_finance(L, &v, 1, &o));
    EXPECT_EQ_INT(FB_CERT_DONE, o.result);
}

static void agreement(void) {
    fb_agreement a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "LN-2025");
    snprintf(a.bank, sizeof a.bank, "某银行辽宁省分行");
    a.region = 210000;
    a.start_date = day("2025-01-01");
    a.end_date = day("2025-12-31");
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_NEW_CREDIT, "", 500000000};
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_NEW_CREDIT, "line:inclusive", 100000000};
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_NEW_CREDIT, "city:210100", 100000000};
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_INCLUSIVE_BORROWERS, "", 3};
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_INCLUSIVE_RATE_MAX, "", 45000};
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
}

/* The largest amount a number cell holds, and one past what a spreadsheet keeps. */
#define MAX_EXACT_FEN 999999999999999LL
#define TOO_LONG_FEN 123456789012345678LL

/* Dalian: a micro shop (inclusive, overdue: its deposit drained) and a large core enterprise;
 * Shenyang: a micro and a large firm, whose revenue is the largest exact amount, and one whose
 * revenue is too long for a number cell. Loans of the four methods from 2025-01-10, days closed
 * through 2025-04-01, certificates issued, passed on and financed on 2025-04-01, a loan drawn on
 * the day open (2025-04-02). */
static void make_book(void) {
    open_book();
    snprintf(dir, sizeof dir, "%s", test_dir());
    party("dl-shop", 1, false);
    party("dl-core", 2, true);
    shenyang_party("sy-small", 1, false, 0);
    shenyang_party("sy-big", 2, true, MAX_EXACT_FEN);
    shenyang_party("sy-huge", 3, true, TOO_LONG_FEN);
    facility("f-shop", "dl-shop", FB_LINE_INCLUSIVE, 50000000, true);
    facility("f-core", "dl-core", FB_LINE_SUPPLY_CHAIN, 2000000000, true);
    facility("f-sys", "sy-small", FB_LINE_INCLUSIVE, 30000000, false);
    facility("f-syb", "sy-big", FB_LINE_GREEN, 900000000, true);
    loan("L-shop", "f-shop", 12000000, 43500, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    loan("L-core", "f-core", 300000000, 0, 20, 12, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    loan("L-sys", "f-sys", 6000000, 39000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    loan("L-syb", "f-syb", 200000000, 31000, 0, 6, FB_METHOD_BULLET, "2025-01-20");
    drain("dl-shop");
    fund("dl-core", 50000000);
    fund("sy-small", 5000000);
    eod("2025-03-31");
    cert_issue("C1", "dl-core", "sy-small", 80000000);
    cert_move("C1", "C1-a", "dl-shop", 30000000);
    cert_move("C1-a", "C1-a-f", NULL, 10000000);
    agreement();
    eod("2025-04-01");
    fund("sy-big", 1000000);
    loan("L-late", "f-syb", 1000000, 31000, 0, 3, FB_METHOD_BULLET, "2025-04-02");
}

/* ---- Exporting ------------------------------------------------------------------------------- */

static fb_export_request request(const char *kind, fb_export_format f) {
    fb_export_request q;
    memset(&q, 0, sizeof q);
    q.kind = kind;
    q.format = f;
    q.as_of = day("2025-04-01");
    q.book_name = "book.db";
    q.source = "finbridge export (test)";
    if (strcmp(kind, "credit") == 0) {
        q.dims = FB_BY_CITY | FB_BY_LINE | FB_BY_CLASS;
        q.from = day("2025-01-01");
    }
    if (strcmp(kind, "moves") == 0) q.from = day("2025-01-31"); /* a closed day: its classes */
    if (strcmp(kind, "progress") == 0) q.agreement = "LN-2025";
    if (strcmp(kind, "provisions") == 0) q.dims = FB_BY_CITY | FB_BY_LINE;
    return q;
}

static void path_of(const char *kind, const char *ext, char *out, size_t cap) {
    snprintf(out, cap, "%s/%s.%s", dir, kind, ext);
}

/* Exports q to a CSV table (parsed, BOM and CRLF checked). */
static table_t export_csv(fb_export_request q, fb_export_outcome *out) {
    char path[600];
    path_of(q.kind, "csv", path, sizeof path);
    q.format = FB_EXPORT_CSV;
    int rc = fb_export_write(L, &q, path, out);
    if (rc) printf("    export %s: %s\n", q.kind, out->message);
    EXPECT_EQ_INT(FB_OK, rc);
    size_t len = 0;
    char *text = slurp(path, &len);
    EXPECT_TRUE(text && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0);
    EXPECT_TRUE(text && strstr(text, "\r\n") != NULL);
    table_t t = text ? parse_csv(text + 3, len - 3) : (table_t){NULL, 0};
    free(text);
    return t;
}

/* Runs a command; its standard output goes to out. */
static bool run(const char *cmd, const char *out) {
    char line[2048];
    snprintf(line, sizeof line, "%s > '%s' 2>/dev/null", cmd, out);
    int rc = system(line);
    if (rc != 0) printf("    %s: status %d\n", cmd, rc);
    return rc == 0;
}

static table_t read_table(const char *path) {
    size_t len = 0;
    char *text = slurp(path, &len);
    table_t t = text ? parse_csv(text, len) : (table_t){NULL, 0};
    free(text);
    return t;
}

/* The XLSX as tests/xlsx_to_csv.py reads it, and as gnumeric does (format=preserve: numbers as
 * their formats show them, thousands separators taken out here). */
static table_t python_reads(const char *xlsx) {
    char cmd[1024], out[700];
    snprintf(out, sizeof out, "%s.py.csv", xlsx);
    snprintf(cmd, sizeof cmd, "python3 tests/xlsx_to_csv.py '%s'", xlsx);
    EXPECT_TRUE(run(cmd, out));
    return read_table(out);
}

static table_t gnumeric_reads(const char *xlsx) {
    char cmd[1024], out[700];
    snprintf(out, sizeof out, "%s.gnumeric.csv", xlsx);
    snprintf(cmd, sizeof cmd,
             "ssconvert -T Gnumeric_stf:stf_assistant -O 'format=preserve separator=,"
             " quoting-mode=auto' '%s' fd://1",
             xlsx);
    EXPECT_TRUE(run(cmd, out));
    table_t t = read_table(out);
    for (size_t i = 0; i < t.n; i++) {
        for (size_t k = 0; k < t.row[i].n; k++)
            unformat(t.row[i].cell[k]);
    }
    return t;
}

/* One kind in both formats: the XLSX, read back by both readers, holds the CSV's strings under
 * a title row that names the book, the date, the unit and the source; its header row is frozen
 * and every column has a width. Returns the CSV table. */
static table_t both_formats(fb_export_request q) {
    fb_export_outcome out;
    table_t csv = export_csv(q, &out);
    EXPECT_TRUE(csv.n >= 1);
    char xlsx[600];
    path_of(q.kind, "xlsx", xlsx, sizeof xlsx);
    q.format = FB_EXPORT_XLSX;
    int rc = fb_export_write(L, &q, xlsx, &out);
    if (rc) printf("    export %s: %s\n", q.kind, out.message);
    EXPECT_EQ_INT(FB_OK, rc);
    EXPECT_EQ_INT(csv.n - 1, out.rows);
    table_t py = python_reads(xlsx), gn = gnumeric_reads(xlsx);
    EXPECT_TRUE(same_rows(&csv, &py, 1, "python"));
    EXPECT_TRUE(same_rows(&csv, &gn, 1, "gnumeric"));
    const char *title = py.n ? py.row[0].cell[0] : "";
    EXPECT_TRUE(strstr(title, "账簿：book.db") && strstr(title, "2025-04-01"));
    EXPECT_TRUE(strstr(title, "单位：元") && strstr(title, "来源：finbridge export (test)"));
    char cmd[1024], meta_path[700], expect[96];
    snprintf(meta_path, sizeof meta_path, "%s.meta", xlsx);
    snprintf(cmd, sizeof cmd, "python3 tests/xlsx_to_csv.py '%s' --meta", xlsx);
    EXPECT_TRUE(run(cmd, meta_path));
    char *meta = slurp(meta_path, NULL);
    snprintf(expect, sizeof expect, "frozen=2 widths=%zu ", csv.n ? csv.row[0].n : 0);
    if (!meta || !strstr(meta, expect))
        printf("    meta: %s (expected %s)\n", meta ? meta : "", expect);
    EXPECT_TRUE(meta && strstr(meta, expect));
    free(meta);
    table_free(&py);
    table_free(&gn);
    return csv;
}

/* ---- Tests ----------------------------------------------------------------------------------- */

static void every_kind_reads_back_the_same_in_both_formats(void) {
    static const char *const kinds[] = {"parties",      "facilities", "loans",     "schedules",
                                        "certificates", "credit",     "inclusive", "moves",
                                        "exposures",    "progress",   "quality",   "provisions"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        table_t t = both_formats(request(kinds[i], FB_EXPORT_CSV));
        if (t.n < 2) printf("    %s: no rows\n", kinds[i]);
        EXPECT_TRUE(t.n >= 2);
        table_free(&t);
    }
}

/* The loans' figures are the book's; the loan drawn on the day open is not in an export as of
 * the last day closed. */
static void the_loans_are_the_books(void) {
    table_t t = both_formats(request("loans", FB_EXPORT_CSV));
    EXPECT_EQ_INT(5, t.n); /* the header and four loans */
    size_t n = 0;
    const fb_term *classes = fb_vocab_terms(FB_VOCAB_CLASS, &n);
    for (size_t r = 1; r < t.n; r++) {
        const char *id = at_header(&t, r, "贷款编号");
        fb_loan_position p = position(id);
        char money[FB_MONEY_STR_MAX], rate[FB_RATE_STR_MAX];
        EXPECT_EQ_STR(fb_money_format(p.principal_fen, money), at_header(&t, r, "本金余额（元）"));
        EXPECT_EQ_STR(fb_money_format(p.principal_overdue_fen, money),
                      at_header(&t, r, "逾期本金（元）"));
        EXPECT_EQ_STR(fb_money_format(p.interest_accrued_fen, money),
                      at_header(&t, r, "应计利息（元）"));
        EXPECT_EQ_STR(fb_rate_format(p.rate_e6, rate), at_header(&t, r, "执行年利率（%）"));
        EXPECT_EQ_STR(classes[p.loan_class].zh, at_header(&t, r, "五级分类"));
        EXPECT_TRUE(strcmp(id, "L-late") != 0);
    }
    table_free(&t);
    /* On the day open, the loan drawn today is there too. */
    fb_export_request q = request("loans", FB_EXPORT_CSV);
    q.as_of = day("2025-04-02");
    fb_export_outcome out;
    t = export_csv(q, &out);
    EXPECT_EQ_INT(6, t.n);
    table_free(&t);
}

/* Reports' totals are the book's report's; the schedules are every active loan's installments;
 * each certificate part's amount is its range's. */
static void the_reports_and_records_are_the_books(void) {
    table_t t = both_formats(request("credit", FB_EXPORT_CSV));
    fb_report_row *rows = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK,
                  fb_report_credit(L, day("2025-04-01"), day("2025-01-01"), 0, 0, &rows, &n));
    int64_t balance = 0, loans = 0, fresh = 0;
    for (size_t r = 1; r < t.n; r++) {
        int64_t fen = 0;
        const char *why = NULL;
        const char *v = at_header(&t, r, "贷款余额（元）");
        EXPECT_EQ_INT(FB_OK, fb_money_parse(v, strlen(v), &fen, &why));
        balance += fen;
        v = at_header(&t, r, "新增贷款（元）");
        EXPECT_EQ_INT(FB_OK, fb_money_parse(v, strlen(v), &fen, &why));
        fresh += fen;
        loans += strtoll(at_header(&t, r, "贷款笔数"), NULL, 10);
    }
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(rows[0].balance_fen, balance);
    EXPECT_EQ_INT(rows[0].loans, loans);
    EXPECT_EQ_INT(rows[0].new_fen, fresh);
    free(rows);
    table_free(&t);

    t = both_formats(request("schedules", FB_EXPORT_CSV));
    size_t installments = 0;
    const char *active[] = {"L-shop", "L-core", "L-sys", "L-syb"};
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    for (size_t i = 0; i < 4; i++) {
        EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, active[i], s, FB_LOAN_MONTHS_MAX, &n));
        installments += n;
    }
    free(s);
    EXPECT_EQ_INT(installments + 1, t.n);
    table_free(&t);

    t = both_formats(request("certificates", FB_EXPORT_CSV));
    EXPECT_EQ_INT(4, t.n); /* C1's rest, C1-a's rest, C1-a-f at the bank */
    for (size_t r = 1; r < t.n; r++) {
        fb_certificate c;
        EXPECT_EQ_INT(FB_OK, fb_cert_get(L, at_header(&t, r, "凭证编号"), &c));
        char money[FB_MONEY_STR_MAX];
        EXPECT_EQ_STR(fb_money_format(c.range_end - c.range_start, money),
                      at_header(&t, r, "金额（元）"));
    }
    table_free(&t);

    fb_two_increases two;
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases(L, day("2025-04-01"), 0, &two));
    t = both_formats(request("inclusive", FB_EXPORT_CSV));
    char money[FB_MONEY_STR_MAX];
    EXPECT_EQ_STR(fb_money_format(two.inclusive_fen, money),
                  at_header(&t, 1, "普惠型小微贷款余额（元）"));
    table_free(&t);
}

/* The money text of a report's figure, or "" for a hidden one. */
static const char *money_or_blank(int64_t fen, bool hidden, char *buf) {
    if (hidden) return buf[0] = 0, buf;
    return fb_money_format(fen, buf);
}

/* The regulator's reports as files: the quality report's rows (each class, each age of arrears,
 * the whole book) and the provisions' (by city and line, the whole book) hold the book's own
 * figures as exact decimal text, in both formats; ratios with four decimals, blank where the
 * base is zero (商业银行贷款损失准备管理办法 第七条: coverage = provision / NPL). */
static void the_regulators_reports_are_the_books(void) {
    fb_quality_report qr;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, day("2025-04-01"), 0, false, &qr));
    table_t t = both_formats(request("quality", FB_EXPORT_CSV));
    EXPECT_EQ_INT(1 + FB_CLASS_COUNT_ + FB_QUALITY_BUCKETS + 1, t.n);
    char money[FB_MONEY_STR_MAX], want[FB_MONEY_STR_MAX];
    size_t nt = 0;
    const fb_term *classes = fb_vocab_terms(FB_VOCAB_CLASS, &nt);
    for (int c = 0; c < FB_CLASS_COUNT_ && t.n > (size_t)c + 1; c++) {
        EXPECT_EQ_STR(classes[c].zh, at_header(&t, (size_t)c + 1, "项目"));
        EXPECT_EQ_STR(fb_money_format(qr.classes[c].balance_fen, money),
                      at_header(&t, (size_t)c + 1, "贷款余额（元）"));
        EXPECT_EQ_STR(fb_money_format(qr.classes[c].provision_fen, money),
                      at_header(&t, (size_t)c + 1, "贷款损失准备（元）"));
        EXPECT_EQ_STR(fb_money_format(qr.classes[c].offbal_interest_fen, money),
                      at_header(&t, (size_t)c + 1, "表外应收利息（元）"));
    }
    for (int b = 0; b < FB_QUALITY_BUCKETS && t.n > (size_t)b + 6; b++) {
        size_t r = (size_t)(FB_CLASS_COUNT_ + b + 1);
        EXPECT_EQ_STR(fb_money_format(qr.buckets[b].overdue_fen, money),
                      at_header(&t, r, "逾期本金（元）"));
        EXPECT_EQ_STR("", at_header(&t, r, "贷款损失准备（元）")); /* booked by class only */
    }
    size_t last = t.n - 1;
    EXPECT_EQ_STR("合计", at_header(&t, last, "分组"));
    EXPECT_EQ_STR(fb_money_format(qr.total.balance_fen, money),
                  at_header(&t, last, "贷款余额（元）"));
    EXPECT_EQ_INT(qr.total.loans, strtoll(at_header(&t, last, "贷款笔数"), NULL, 10));
    EXPECT_TRUE(qr.total.provision_fen > 0); /* March's month-end was provisioned */
    EXPECT_EQ_STR(fb_money_format(qr.total.provision_fen, money),
                  at_header(&t, last, "贷款损失准备（元）"));
    table_free(&t);

    fb_provision_report pr;
    EXPECT_EQ_INT(
        FB_OK, fb_report_provisions(L, day("2025-04-01"), FB_BY_CITY | FB_BY_LINE, 0, false, &pr));
    EXPECT_EQ_INT(day("2025-03-31"), pr.date);
    t = both_formats(request("provisions", FB_EXPORT_CSV));
    EXPECT_EQ_INT(1 + pr.n + 1, t.n);
    char rate[FB_RATE_STR_MAX];
    for (size_t i = 0; i < pr.n && i + 1 < t.n; i++) {
        const fb_provision_row *p = &pr.rows[i];
        EXPECT_EQ_STR(fb_money_format(p->balance_fen, money),
                      at_header(&t, i + 1, "贷款余额（元）"));
        EXPECT_EQ_STR(fb_money_format(p->provision_fen, money),
                      at_header(&t, i + 1, "贷款损失准备（元）"));
        EXPECT_EQ_STR(p->coverage_e6 < 0 ? "" : fb_rate_format(p->coverage_e6, rate),
                      at_header(&t, i + 1, "拨备覆盖率（%）"));
        EXPECT_EQ_STR(fb_rate_format(p->ratio_e6, rate), at_header(&t, i + 1, "贷款拨备率（%）"));
        EXPECT_EQ_STR(fb_region_name_zh(p->city), at_header(&t, i + 1, "城市"));
    }
    last = t.n - 1;
    EXPECT_EQ_STR("合计", at_header(&t, last, "汇总"));
    EXPECT_EQ_STR("", at_header(&t, last, "城市代码"));
    EXPECT_EQ_STR(fb_money_format(pr.total.specific_fen, money),
                  at_header(&t, last, "专项准备（元）"));
    EXPECT_EQ_STR(fb_money_format(pr.total.general_fen, money),
                  at_header(&t, last, "一般准备（元）"));
    EXPECT_EQ_STR(fb_money_format(pr.total.required_fen, money),
                  at_header(&t, last, "监管要求准备（元）"));
    EXPECT_EQ_STR(money_or_blank(pr.total.shortfall_fen, false, want),
                  at_header(&t, last, "准备缺口（元）"));
    EXPECT_EQ_STR(fb_rate_format(pr.total.ratio_e6, rate), at_header(&t, last, "贷款拨备率（%）"));
    /* The ratio is the provision over the loans in millionths (a percent with four decimals),
     * half up, computed here apart. */
    EXPECT_TRUE(pr.total.balance_fen > 0);
    __extension__ __int128 twice = (__int128)pr.total.provision_fen * 2000000;
    int64_t e6 = pr.total.balance_fen ? (int64_t)((twice / pr.total.balance_fen + 1) / 2) : -1;
    EXPECT_EQ_INT(e6, pr.total.ratio_e6);
    free(pr.rows);
    table_free(&t);

    /* A government user reads them too, its small cells blank; a dimension the provisions are
     * not kept by is refused and leaves no file. */
    fb_export_request q = request("provisions", FB_EXPORT_CSV);
    q.dims = FB_BY_CHAIN;
    fb_export_outcome out;
    char path[600];
    path_of("provisions-chain", "csv", path, sizeof path);
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(strstr(out.message, "line and city") != NULL);
    EXPECT_TRUE(access(path, F_OK) != 0);
    q = request("quality", FB_EXPORT_CSV);
    q.as_of = day("2025-03-15"); /* neither the last day closed nor a month-end */
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(strstr(out.message, "not kept") != NULL);
    EXPECT_TRUE(access(path, F_OK) != 0);
}

/* A region's export holds its borrowers only: Shenyang's loans, Dalian's credit. */
static void a_region_holds_its_borrowers_only(void) {
    fb_export_request q = request("loans", FB_EXPORT_CSV);
    q.region = 210100;
    fb_export_outcome out;
    table_t t = export_csv(q, &out);
    EXPECT_EQ_INT(3, t.n);
    for (size_t r = 1; r < t.n; r++)
        EXPECT_EQ_STR(fb_region_name_zh(210100), at_header(&t, r, "所在城市"));
    table_free(&t);
    q = request("credit", FB_EXPORT_CSV);
    q.region = 210200;
    t = export_csv(q, &out);
    EXPECT_TRUE(t.n >= 2);
    for (size_t r = 1; r < t.n; r++)
        EXPECT_EQ_STR("大连", at_header(&t, r, "城市"));
    table_free(&t);
    q = request("parties", FB_EXPORT_CSV);
    q.region = 210200;
    t = export_csv(q, &out);
    EXPECT_EQ_INT(3, t.n);
    table_free(&t);
}

/* Amounts up to 15 digits are number cells; a longer one is its exact text, with a note. */
static void long_amounts_are_exact_text_with_a_note(void) {
    fb_export_request q = request("parties", FB_EXPORT_XLSX);
    char xlsx[600];
    path_of("parties-long", "xlsx", xlsx, sizeof xlsx);
    fb_export_outcome out;
    EXPECT_EQ_INT(FB_OK, fb_export_write(L, &q, xlsx, &out));
    EXPECT_EQ_INT(1, out.money_as_text);
    table_t py = python_reads(xlsx);
    bool longest = false, largest = false;
    for (size_t r = 2; r < py.n; r++) {
        const char *v = py.row[r].n > 11 ? py.row[r].cell[10] : "";
        longest |= strcmp(v, "1234567890123456.78") == 0;
        largest |= strcmp(v, "9999999999999.99") == 0;
    }
    EXPECT_TRUE(longest && largest);
    EXPECT_TRUE(py.n > 0 && strstr(py.row[py.n - 1].cell[0], "注："));
    table_free(&py);
    /* The largest is a number in the XML, written as libxlsxwriter writes doubles; the longer
     * is an inline string. */
    char cmd[1024], sheet[700];
    snprintf(sheet, sizeof sheet, "%s.xml", xlsx);
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import sys, zipfile; sys.stdout.write(zipfile.ZipFile('%s')"
             ".read('xl/worksheets/sheet1.xml').decode())\"",
             xlsx);
    EXPECT_TRUE(run(cmd, sheet));
    char *xml = slurp(sheet, NULL);
    EXPECT_TRUE(xml && strstr(xml, "<v>9999999999999.99</v>"));
    EXPECT_TRUE(xml && strstr(xml, "<t>1234567890123456.78</t>"));
    free(xml);
}

/* xlsx_writer.c's argument, over random amounts: fen / 100 as a double, written as "%.16G" and
 * read back to the nearest double, prints with two decimals as the exact amount, for every
 * amount of at most 15 digits; above 2^46 yuan it does not (why the bound is not 2^53 fen). */
static void money_as_a_double_round_trips_within_15_digits(void) {
    uint64_t seed = (uint64_t)time(NULL);
    rng_state = seed;
    int64_t edges[] = {0,
                       1,
                       5,
                       10,
                       99,
                       100,
                       101,
                       12345,
                       MAX_EXACT_FEN,
                       MAX_EXACT_FEN - 1,
                       100000000000000LL,
                       999999999999995LL};
    int failures = 0;
    for (int i = 0; i < 300000 && failures < 5; i++) {
        int64_t f = i < (int)(sizeof edges / sizeof edges[0])
                        ? edges[i]
                        : (int64_t)(rnd(1000000000) * 1000000 + rnd(1000000)) % (MAX_EXACT_FEN + 1);
        /* Amounts of every magnitude, not mostly the largest. */
        if (i % 3 == 1) f %= 100000000;
        if (i % 2) f = -f;
        char exact[FB_MONEY_STR_MAX], text[40], back[48];
        fb_money_format(f, exact);
        snprintf(text, sizeof text, "%.16G", (double)f / 100.0);
        snprintf(back, sizeof back, "%.2f", strtod(text, NULL));
        if (strcmp(exact, back) != 0 && strcmp(exact + (exact[0] == '-'), "0.00") != 0) {
            printf("    seed %llu: %lld fen wrote %s, read %s\n", (unsigned long long)seed,
                   (long long)f, text, back);
            failures++;
        }
    }
    EXPECT_EQ_INT(0, failures);
    char back[48];
    snprintf(back, sizeof back, "%.2f", (double)7036874417766401LL / 100.0);
    EXPECT_EQ_STR("70368744177664.02", back); /* 70,368,744,177,664.01 yuan: one fen off */
}

/* A table longer than a sheet goes on in the next, with the title and header again. */
static void a_long_table_goes_on_in_the_next_sheet(void) {
    uint32_t saved = fb__xlsx_sheet_rows;
    fb__xlsx_sheet_rows = 12; /* ten data rows a sheet */
    fb_export_request q = request("schedules", FB_EXPORT_XLSX);
    char xlsx[600];
    path_of("schedules-sheets", "xlsx", xlsx, sizeof xlsx);
    fb_export_outcome out;
    EXPECT_EQ_INT(FB_OK, fb_export_write(L, &q, xlsx, &out));
    fb__xlsx_sheet_rows = saved;
    EXPECT_EQ_INT((out.rows + 9) / 10, out.sheets);
    fb_export_outcome csv_out;
    table_t csv = export_csv(request("schedules", FB_EXPORT_CSV), &csv_out);
    table_t py = python_reads(xlsx);
    /* The sheets one after another: each a title, a header and up to ten rows. */
    table_t joined = {calloc(py.n, sizeof(row_t)), 0};
    for (size_t r = 0; r < py.n; r++) {
        bool title = py.row[r].n && strstr(py.row[r].cell[0], "还款计划｜");
        bool header = py.row[r].n && strcmp(py.row[r].cell[0], "贷款编号") == 0;
        if (title || (header && joined.n > 0)) continue;
        joined.row[joined.n++] = py.row[r];
    }
    EXPECT_TRUE(same_rows(&csv, &joined, 0, "sheets"));
    free(joined.row);
    table_free(&py);
    table_free(&csv);
}

/* Refusals: records as of a day the book does not hold them; more rows than asked; a report of a
 * day not closed; an agreement outside the region. No file is left. */
static void refusals_leave_no_file(void) {
    char path[600];
    path_of("refused", "csv", path, sizeof path);
    fb_export_request q = request("loans", FB_EXPORT_CSV);
    q.as_of = day("2025-03-01");
    fb_export_outcome out;
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(strstr(out.message, "as they stand now") != NULL);
    EXPECT_TRUE(access(path, F_OK) != 0);
    q = request("loans", FB_EXPORT_XLSX);
    q.rows_max = 2;
    EXPECT_EQ_INT(FB_ELIMIT, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(access(path, F_OK) != 0);
    q = request("credit", FB_EXPORT_CSV);
    q.as_of = day("2025-04-02");
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(strstr(out.message, "not a closed day") != NULL);
    q = request("progress", FB_EXPORT_CSV);
    q.region = 210200;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_export_write(L, &q, path, &out));
    q = request("moves", FB_EXPORT_CSV);
    q.region = 210200;
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    q = request("nothing", FB_EXPORT_CSV);
    EXPECT_EQ_INT(FB_EINVAL, fb_export_write(L, &q, path, &out));
    EXPECT_TRUE(access(path, F_OK) != 0);
    EXPECT_TRUE(fb_export_kind_names_borrowers("loans") &&
                !fb_export_kind_names_borrowers("credit"));
}

int main(void) {
    make_book();
    RUN(every_kind_reads_back_the_same_in_both_formats);
    RUN(the_loans_are_the_books);
    RUN(the_reports_and_records_are_the_books);
    RUN(the_regulators_reports_are_the_books);
    RUN(a_region_holds_its_borrowers_only);
    RUN(long_amounts_are_exact_text_with_a_note);
    RUN(money_as_a_double_round_trips_within_15_digits);
    RUN(a_long_table_goes_on_in_the_next_sheet);
    RUN(refusals_leave_no_file);
    verify_ok();
    fb_book_close(L);
    return test_summary();
}
