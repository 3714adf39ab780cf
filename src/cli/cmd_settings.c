/* cmd_settings.c — `finbridge settings`: the book's settings (the rate ceiling, the fewest
 * borrowers of a report's cell a government user reads) and its business date;
 * --rate-ceiling and --report-min-cell change them. */
#include <string.h>

#include "cli/cli.h"

int cmd_settings(int argc, char **argv) {
    static const char *const extra[] = {"--rate-ceiling", "--report-min-cell", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge settings --db PATH [--rate-ceiling PERCENT]"
                         " [--report-min-cell BORROWERS]",
                         &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional) {
        fprintf(stderr, "finbridge: settings takes no arguments\n");
        return CLI_ERROR;
    }
    int64_t ceiling = 0;
    const char *why = NULL;
    if (o.extra[0] && fb_rate_parse(o.extra[0], &ceiling, &why) != FB_OK) {
        fprintf(stderr, "finbridge: --rate-ceiling %s: %s\n", o.extra[0], why);
        return CLI_ERROR;
    }
    int64_t min_cell = 0;
    if (o.extra[1] &&
        !cli_int_option("--report-min-cell", o.extra[1], 1, FB_REPORT_MIN_CELL_MAX, &min_cell)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, o.extra[0] || o.extra[1] ? 0 : FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    int rc = o.extra[0] ? fb_rate_ceiling_set(book, ceiling) : FB_OK;
    if (rc) {
        fprintf(stderr, "finbridge: --rate-ceiling %s: %s\n", o.extra[0], fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_FAILED;
    }
    rc = o.extra[1] ? fb_report_min_cell_set(book, min_cell) : FB_OK;
    if (rc) {
        fprintf(stderr, "finbridge: --report-min-cell %s: %s\n", o.extra[1], fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_FAILED;
    }
    int32_t open = 0;
    rc = fb_rate_ceiling(book, &ceiling);
    if (rc == FB_OK) rc = fb_report_min_cell(book, &min_cell);
    if (rc == FB_OK) rc = fb_business_date(book, &open);
    if (rc) {
        fprintf(stderr, "finbridge: settings: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    char rate[FB_RATE_STR_MAX], date[11];
    json_t *j = json_object();
    json_object_set_new(j, "rate_ceiling", json_string(fb_rate_format(ceiling, rate)));
    json_object_set_new(j, "report_min_cell", json_integer(min_cell));
    json_object_set_new(j, "business_date",
                        open ? json_string(fb_date_format(open, date)) : json_null());
    cli_print_json(stdout, j);
    fb_book_close(book);
    return CLI_OK;
}
