/* cmd_lpr.c — `finbridge lpr`: record a newly published Loan Prime Rate, or show them. */
#include <string.h>

#include "cli/cli.h"
#include "wire/ledger_json.h"

static json_t *lpr_json(const fb_lpr *v) {
    char d[11], r1[FB_RATE_STR_MAX], r5[FB_RATE_STR_MAX];
    json_t *o = json_object();
    json_object_set_new(o, "date", json_string(fb_date_format(v->date, d)));
    json_object_set_new(o, "one_year", json_string(fb_rate_format(v->one_year_e6, r1)));
    json_object_set_new(o, "five_year", json_string(fb_rate_format(v->five_year_e6, r5)));
    return o;
}

static int lpr_set(int argc, char **argv) {
    static const char *const extra[] = {"--date", "--one-year", "--five-year", NULL};
    static const char usage[] =
        "finbridge lpr set --db PATH --date YYYY-MM-DD --one-year PERCENT --five-year PERCENT";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    for (int k = 0; k < 3; k++) {
        if (!o.extra[k]) {
            fprintf(stderr, "finbridge: %s is required\nusage: %s\n", extra[k], usage);
            return CLI_ERROR;
        }
    }
    fb_lpr v;
    const char *why = NULL;
    if (fb_date_parse(o.extra[0], &v.date, &why)) {
        fprintf(stderr, "finbridge: --date %s\n", why);
        return CLI_ERROR;
    }
    if (fb_rate_parse(o.extra[1], &v.one_year_e6, &why) ||
        fb_rate_parse(o.extra[2], &v.five_year_e6, &why)) {
        fprintf(stderr, "finbridge: the rate %s\n", why);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = fb_lpr_set(book, &v);
    if (rc) {
        fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
    } else {
        cli_print_json(stdout, lpr_json(&v));
    }
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

static int lpr_get(int argc, char **argv) {
    static const char *const extra[] = {"--date", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, "finbridge lpr get --db PATH [--date D]", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    int rc = FB_OK;
    if (o.extra[0]) {
        int32_t date = 0;
        const char *why = NULL;
        fb_lpr v;
        rc = fb_date_parse(o.extra[0], &date, &why);
        if (rc) fprintf(stderr, "finbridge: --date %s\n", why);
        if (rc == FB_OK) rc = fb_lpr_at(book, date, &v);
        if (rc == FB_ENOTFOUND)
            fprintf(stderr, "finbridge: no LPR was in effect on %s\n", o.extra[0]);
        if (rc == FB_OK) cli_print_json(stdout, lpr_json(&v));
    } else {
        fb_lpr all[512];
        size_t n = 0;
        rc = fb_lpr_list(book, all, 512, &n);
        for (size_t i = 0; i < n; i++)
            cli_print_json(stdout, lpr_json(&all[i]));
    }
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : CLI_FAILED;
}

int cmd_lpr(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "set") == 0) return lpr_set(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return lpr_get(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: lpr needs set or get\n");
    return CLI_ERROR;
}
