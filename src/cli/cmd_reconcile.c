/* cmd_reconcile.c — `finbridge reconcile`: a core system's balance file against the book, loan
 * by loan on the business date (src/wire/reconcile.c; docs/import.md). The differences go to
 * --out (CSV or XLSX by its name; CSV on stdout without it) with their totals; one JSON line
 * gives the counts (on stdout with --out, on stderr without). Exit 0 when the two agree, 1 when
 * they differ, 2 when the file or the book could not be read. */
#include <string.h>

#include "cli/cli.h"
#include "wire/import.h"

static const char usage[] =
    "finbridge reconcile --db PATH --as-of DATE FILE [--out FILE] [--encoding auto|utf8|gb18030]";

static const char *const extra[] = {"--out", "--encoding", NULL};

int cmd_reconcile(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB | OPT_AS_OF, extra, usage, &o)) return CLI_ERROR;
    fb_reconcile_request q;
    memset(&q, 0, sizeof q);
    if (!o.as_of || !cli_date_option("--as-of", o.as_of, &q.as_of) || o.n_positional != 1) {
        fprintf(stderr, "finbridge: reconcile needs --as-of DATE and one FILE\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    q.file = o.positional[0];
    q.out = o.extra[0] ? o.extra[0] : "/dev/stdout";
    const char *enc = o.extra[1];
    if (enc && strcmp(enc, "utf8") == 0) q.encoding = FB_TABLE_ENCODING_UTF8;
    if (enc && (strcmp(enc, "gb18030") == 0 || strcmp(enc, "gbk") == 0)) {
        q.encoding = FB_TABLE_ENCODING_GB18030;
    }
    if (enc && q.encoding == FB_TABLE_ENCODING_AUTO && strcmp(enc, "auto") != 0) {
        fprintf(stderr, "finbridge: --encoding is auto, utf8 or gb18030\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_reconcile_report report;
    int rc = fb_reconcile_file(book, &q, &report);
    fb_book_close(book);
    if (rc) {
        fprintf(stderr, "finbridge: reconcile: %s\n", report.error);
        return CLI_ERROR;
    }
    uint64_t differences = 0;
    json_t *j = json_object(), *counts = json_object();
    for (int k = 0; k < FB_RECONCILE_COUNT_; k++) {
        differences += report.count[k];
        json_object_set_new(counts, fb_reconcile_difference_name((fb_reconcile_difference)k),
                            json_integer((json_int_t)report.count[k]));
    }
    json_object_set_new(j, "loans", json_integer((json_int_t)report.rows));
    json_object_set_new(j, "matched", json_integer((json_int_t)report.matched));
    json_object_set_new(j, "differences", counts);
    json_object_set_new(j, "file_principal", fb_json_money(report.file_principal_fen));
    json_object_set_new(j, "book_principal", fb_json_money(report.book_principal_fen));
    json_object_set_new(j, "file_overdue", fb_json_money(report.file_overdue_fen));
    json_object_set_new(j, "book_overdue", fb_json_money(report.book_overdue_fen));
    cli_print_json(o.extra[0] ? stdout : stderr, j);
    return differences ? CLI_FAILED : CLI_OK;
}
