/* bench/import.c — a cut-over of a large book (issue 12: "1,000,000 loans import in bounded
 * memory"): writes the files a bank would bring, N loans in mid-life (default 1,000,000; three
 * methods, 36 months, drawn over 1,000 days), their N/2 borrowers and N/2 lines, and the control
 * file, as CSV (UTF-8 with a BOM) and the loans also as XLSX (libxlsxwriter, one sheet: the
 * reader streams it); then imports them with `finbridge import` into an empty book, once with the
 * loans as CSV and once as XLSX, and once more at N/10 (the CSV), each in a child process: wall
 * and CPU time, rows a second, peak memory (wait4's ru_maxrss).
 *
 * Baselines measured in the same run, in child processes as well: reading every file through
 * the table readers alone (no book), and SQLite inserting the same rows raw (every cell as text,
 * one table a file, one transaction, no index), the least any importer into SQLite writes.
 * Bounded memory: the peak at N against the peak at N/10.
 *
 * Arguments: [loans] [folder] [finbridge]. Prints one line a run and the ratios. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "finbridge/finbridge.h"
#include "wire/table_reader.h"

typedef struct {
    double seconds, cpu_s;
    long peak_kib;
    int status;
} run;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "bench/import: %s\n", what);
    exit(1);
}

/* Runs fn(arg) in a child process (exit status its return), or argv when fn is NULL. */
static run in_child(int (*fn)(void *), void *arg, char *const *argv, const char *out) {
    run r = {0, 0, 0, -1};
    fflush(stdout);
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        if (fn) _exit(fn(arg));
        if (out && !freopen(out, "w", stdout)) _exit(3);
        execv(argv[0], argv);
        _exit(4);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) die("fork/wait4 failed");
    r.seconds = now_s() - t0;
    r.peak_kib = ru.ru_maxrss;
    r.cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
              (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

/* ---- The files ------------------------------------------------------------------------------ */

static const int32_t regions[6] = {210102, 210211, 210302, 211002, 210103, 210106};
static const char *const methods[3] = {"等额本息", "等额本金", "按月付息到期还本"};
static const fb_method method_of[3] = {FB_METHOD_EQUAL_INSTALLMENT, FB_METHOD_EQUAL_PRINCIPAL,
                                       FB_METHOD_INTEREST_ONLY};

typedef struct {
    char start[11];
    int64_t amount, principal;
    int32_t installment;
} loan_fig;

/* Loan i's figures at the open of as_of: the terms' own schedule, the installments due by then
 * paid. */
static loan_fig figures(long i, int32_t as_of) {
    static fb_installment s[64];
    loan_fig f;
    fb_loan_terms t = {(100000 + (i % 50) * 10000) * 100LL,
                       43500,
                       36,
                       method_of[i % 3],
                       fb_date_from_ymd(2023, 2, 1) + (int32_t)(i % 1000),
                       0,
                       FB_DAYCOUNT_ACT360};
    size_t n = 0;
    const char *field = NULL, *why = NULL;
    if (fb_schedule_build(&t, s, 64, &n, &field, &why)) die(why);
    f.amount = t.principal_fen;
    f.installment = 1;
    while ((size_t)f.installment <= n && s[f.installment - 1].due_date <= as_of)
        f.installment++;
    f.principal = 0;
    for (size_t k = (size_t)f.installment - 1; k < n; k++)
        f.principal += s[k].principal_fen;
    fb_date_format(t.start_date, f.start);
    return f;
}

static FILE *create(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) die(path);
    fputs("\xEF\xBB\xBF", f);
    return f;
}

static void write_parties(const char *dir, long parties) {
    FILE *f = create(dir, "parties.csv");
    fputs("借款人编号,名称,主体类型,统一社会信用代码,注册地区划代码,行业代码（GB/T 4754）,从业人员,"
          "营业收入（元）,资产总额（元）\r\n",
          f);
    for (long i = 0; i < parties; i++) {
        char code[40];
        snprintf(code, sizeof code, "91210200MA%07ld0", i % 10000000);
        fb_uscc_info info;
        fb_uscc_check(code, 18, &info);
        code[17] = info.expected_check;
        fprintf(f, "P%07ld,辽宁第%ld号制造有限公司,企业,%s,%d,3670,12,3000000.00,2000000.00\r\n", i,
                i, code, regions[i % 6]);
    }
    fclose(f);
}

static void write_facilities(const char *dir, long lines) {
    FILE *f = create(dir, "facilities.csv");
    fputs("授信编号,借款人编号,业务条线,授信额度（元）,起始日,到期日,循环额度\r\n", f);
    for (long i = 0; i < lines; i++)
        fprintf(f, "F%07ld,P%07ld,普惠金融,3000000.00,2023-01-01,2027-12-31,是\r\n", i, i);
    fclose(f);
}

static const char *const loan_headers[] = {
    "贷款编号", "授信编号",        "发放金额（元）", "起息日",   "期限（月）",
    "还款方式", "执行年利率（%）", "本金余额（元）", "当前期次", "总期数"};
enum { LOAN_COLUMNS = 10 };

/* The loans as CSV, and the sum of their principal. */
static int64_t write_loans_csv(const char *dir, long loans, int32_t as_of) {
    FILE *f = create(dir, "loans.csv");
    for (int c = 0; c < LOAN_COLUMNS; c++)
        fprintf(f, "%s%s", c ? "," : "", loan_headers[c]);
    fputs("\r\n", f);
    int64_t sum = 0;
    for (long i = 0; i < loans; i++) {
        loan_fig g = figures(i, as_of);
        sum += g.principal;
        fprintf(f, "L%07ld,F%07ld,%lld.%02lld,%s,36,%s,4.3500,%lld.%02lld,%d,36\r\n", i, i / 2,
                (long long)(g.amount / 100), (long long)(g.amount % 100), g.start, methods[i % 3],
                (long long)(g.principal / 100), (long long)(g.principal % 100), g.installment);
    }
    fclose(f);
    return sum;
}

/* The same rows as a workbook, money as number cells, as Excel keeps them. */
static void write_loans_xlsx(const char *dir, long loans, int32_t as_of) {
    char path[1024];
    snprintf(path, sizeof path, "%s/xlsx/loans.xlsx", dir);
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "贷款明细") : NULL;
    if (!ws) die("cannot start the workbook");
    for (int c = 0; c < LOAN_COLUMNS; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, loan_headers[c], NULL);
    for (long i = 0; i < loans; i++) {
        loan_fig g = figures(i, as_of);
        lxw_row_t r = (lxw_row_t)(i + 1);
        char id[32], fac[32];
        snprintf(id, sizeof id, "L%07ld", i);
        snprintf(fac, sizeof fac, "F%07ld", i / 2);
        worksheet_write_string(ws, r, 0, id, NULL);
        worksheet_write_string(ws, r, 1, fac, NULL);
        worksheet_write_number(ws, r, 2, (double)g.amount / 100.0, NULL);
        worksheet_write_string(ws, r, 3, g.start, NULL);
        worksheet_write_number(ws, r, 4, 36, NULL);
        worksheet_write_string(ws, r, 5, methods[i % 3], NULL);
        worksheet_write_string(ws, r, 6, "4.3500", NULL);
        worksheet_write_number(ws, r, 7, (double)g.principal / 100.0, NULL);
        worksheet_write_number(ws, r, 8, g.installment, NULL);
        worksheet_write_number(ws, r, 9, 36, NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR) die("cannot write the workbook");
}

static void write_control(const char *dir, long loans, int64_t principal) {
    FILE *f = create(dir, "control.csv");
    long half = (loans + 1) / 2;
    fprintf(f,
            "记录类型,笔数,金额合计（元）,逾期合计（元）\r\nparties,%ld,0.00,\r\n"
            "facilities,%ld,%lld.00,\r\nloans,%ld,%lld.%02lld,0.00\r\n",
            half, half, (long long)half * 3000000LL, loans, (long long)(principal / 100),
            (long long)(principal % 100));
    fclose(f);
}

/* ---- The baselines ------------------------------------------------------------------------ */

typedef struct {
    const char *dir;
    const char *files[4];
} files_arg;

/* Every row of every file through the table readers: what reading costs without the book. */
static int read_only(void *p) {
    files_arg *a = p;
    long rows = 0;
    for (int k = 0; k < 4 && a->files[k]; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", a->dir, a->files[k]);
        fb_table *t = NULL;
        fb_table_error err;
        if (fb_table_open_file(path, NULL, &t, &err)) die(err.message);
        fb_table_row row;
        int rc = fb_table_header(t, &row);
        while (rc == 1 && (rc = fb_table_next(t, &row)) == 1)
            rows++;
        fb_table_close(t);
        if (rc < 0) die("a file did not read");
    }
    return rows > 0 ? 0 : 2;
}

/* The same rows inserted into SQLite as they are: one text column a cell, one transaction. */
static int sqlite_raw(void *p) {
    files_arg *a = p;
    char db_path[1024];
    snprintf(db_path, sizeof db_path, "%s/raw.db", a->dir);
    remove(db_path);
    sqlite3 *db = NULL;
    if (sqlite3_open(db_path, &db) != SQLITE_OK) die("sqlite3_open");
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; BEGIN", NULL, NULL, NULL);
    for (int k = 0; k < 4 && a->files[k]; k++) {
        char path[1024], sql[4096];
        snprintf(path, sizeof path, "%s/%s", a->dir, a->files[k]);
        fb_table *t = NULL;
        fb_table_error err;
        if (fb_table_open_file(path, NULL, &t, &err)) die(err.message);
        fb_table_row row;
        if (fb_table_header(t, &row) != 1) die("no header");
        size_t at = (size_t)snprintf(sql, sizeof sql, "CREATE TABLE t%d (", k);
        for (uint32_t c = 0; c < row.count; c++)
            at += (size_t)snprintf(sql + at, sizeof sql - at, "%sc%u TEXT", c ? "," : "", c);
        snprintf(sql + at, sizeof sql - at, ")");
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        at = (size_t)snprintf(sql, sizeof sql, "INSERT INTO t%d VALUES (", k);
        for (uint32_t c = 0; c < row.count; c++)
            at += (size_t)snprintf(sql + at, sizeof sql - at, "%s?", c ? "," : "");
        snprintf(sql + at, sizeof sql - at, ")");
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sqlite3_errmsg(db));
        while (fb_table_next(t, &row) == 1) {
            for (uint32_t c = 0; c < row.count; c++)
                sqlite3_bind_text(st, (int)c + 1, row.cells[c].text, (int)row.cells[c].len,
                                  SQLITE_TRANSIENT);
            if (sqlite3_step(st) != SQLITE_DONE) die(sqlite3_errmsg(db));
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        fb_table_close(t);
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) die(sqlite3_errmsg(db));
    sqlite3_close(db);
    return 0;
}

/* ---- The import --------------------------------------------------------------------------- */

/* A fresh book at path, then `finbridge import` of the files: the run, its answer checked. */
static run import_run(const char *fb, const char *dir, const char *book, const char *loans_file,
                      long rows) {
    char db[1024], out[1100], p[4][1100];
    snprintf(db, sizeof db, "%s/%s", dir, book);
    snprintf(out, sizeof out, "%s/%s.out", dir, book);
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s'-* '%s'.audit-key && '%s' init --db '%s' >/dev/null",
             db, db, db, fb, db);
    if (system(cmd) != 0) die("finbridge init failed");
    snprintf(p[0], sizeof p[0], "%s/parties.csv", dir);
    snprintf(p[1], sizeof p[1], "%s/facilities.csv", dir);
    snprintf(p[2], sizeof p[2], "%s/%s", dir, loans_file);
    snprintf(p[3], sizeof p[3], "%s/control.csv", dir);
    char *argv[] = {(char *)(uintptr_t)fb,
                    "import",
                    "--db",
                    db,
                    "--as-of",
                    "2026-01-01",
                    p[0],
                    p[1],
                    p[2],
                    p[3],
                    NULL};
    run r = in_child(NULL, NULL, argv, out);
    FILE *f = fopen(out, "r");
    char line[4096] = "";
    if (f) {
        if (!fgets(line, sizeof line, f)) line[0] = 0;
        fclose(f);
    }
    char want[128];
    /* Every row written but the control file's, which are checked, not written. */
    snprintf(want, sizeof want, "\"committed\":true,\"run\":1,\"created\":%ld,", rows - 3);
    if (r.status != 0 || !strstr(line, want)) {
        fprintf(stderr,
                "bench/import: the import of %s did not commit every row (exit %d): %.600s\n",
                loans_file, r.status, line);
        r.status = r.status ? r.status : 5;
    }
    return r;
}

static void print_run(const char *what, run r, long rows) {
    printf("  %-44s %8.1f s wall %8.1f s cpu %9.0f rows/s  peak %7.1f MiB%s\n", what, r.seconds,
           r.cpu_s, r.seconds > 0 ? (double)rows / r.seconds : 0, (double)r.peak_kib / 1024.0,
           r.status ? "  FAILED" : "");
}

static void make_set(const char *dir, long loans, bool xlsx) {
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/xlsx", dir);
    mkdir(dir, 0755);
    mkdir(sub, 0755);
    int32_t as_of = fb_date_from_ymd(2026, 1, 1);
    double t0 = now_s();
    write_parties(dir, (loans + 1) / 2);
    write_facilities(dir, (loans + 1) / 2);
    int64_t sum = write_loans_csv(dir, loans, as_of);
    write_control(dir, loans, sum);
    if (xlsx) write_loans_xlsx(dir, loans, as_of);
    printf("  %ld loans, %ld borrowers and lines written in %.1f s (%s)\n", loans, (loans + 1) / 2,
           now_s() - t0, xlsx ? "CSV and the loans as XLSX" : "CSV");
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    const char *folder = argc > 2 ? argv[2] : "build/bench";
    const char *fb = argc > 3 ? argv[3] : "build/finbridge";
    if (n < 10 || n > 1048575) die("loans: 10 to 1,048,575 (an XLSX sheet's rows)");
    char dir[1024], small[1024];
    snprintf(dir, sizeof dir, "%s/import-%ld", folder, n);
    snprintf(small, sizeof small, "%s/import-%ld", folder, n / 10);
    mkdir(folder, 0755);
    printf("import: a cut-over of %ld loans in mid-life (%s)\n", n, dir);
    make_set(dir, n, true);
    make_set(small, n / 10, false);
    long rows = n + 2 * ((n + 1) / 2) + 3; /* the loans, parties and lines, the control rows */
    files_arg a = {dir, {"parties.csv", "facilities.csv", "loans.csv", "control.csv"}};
    run read = in_child(read_only, &a, NULL, NULL);
    print_run("baseline: the table readers alone (CSV)", read, rows);
    run raw = in_child(sqlite_raw, &a, NULL, NULL);
    print_run("baseline: SQLite inserting the rows raw", raw, rows);
    long rows10 = n / 10 + 2 * ((n / 10 + 1) / 2) + 3;
    run csv = import_run(fb, dir, "book-csv.db", "loans.csv", rows);
    print_run("finbridge import, the loans as CSV", csv, rows);
    run xlsx = import_run(fb, dir, "book-xlsx.db", "xlsx/loans.xlsx", rows);
    print_run("finbridge import, the loans as XLSX", xlsx, rows);
    run tenth = import_run(fb, small, "book-csv.db", "loans.csv", rows10);
    print_run("finbridge import, a tenth of them (CSV)", tenth, rows10);
    printf("  ratios: import/SQLite raw %.1fx (CSV) %.1fx (XLSX), import/reading %.1fx; "
           "peak memory at N / at N/10 %.2f (bounded: about 1); %.0f loans/s\n",
           csv.seconds / raw.seconds, xlsx.seconds / raw.seconds, csv.seconds / read.seconds,
           (double)csv.peak_kib / (double)tenth.peak_kib, (double)n / csv.seconds);
    return csv.status || xlsx.status || tenth.status || read.status || raw.status;
}
