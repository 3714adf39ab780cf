/* cmd_demands.c — `finbridge demands`: post financing demands (JSON Lines, idempotent by id), get
 * and list them, and the bank's steps (accept, contact, grant, decline, withdraw), one JSON line
 * each; `finbridge calendar`: load a year's holiday notice, get one; `finbridge report demands`:
 * the measures. The command line is the bank's: it posts and steps as the bank, and reads every
 * figure. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "wire/demand_json.h"
#include "wire/query.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_demand(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_demand *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_demands_post(book, NULL, records, n, outcomes);
}

static const cli_record_kind demands = {sizeof(fb_demand), sizeof(fb_demand_outcome), decode,
                                        submit, fb_json_demand_result};

static int demands_post(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge demands post --db PATH < demands.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &demands, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_demand(fb_book *book, const char *id, json_t **out) {
    fb_demand_view *v = malloc(sizeof *v);
    fb_list_id *loans = calloc(FB_DEMAND_LOANS_SHOWN, sizeof *loans);
    size_t n = 0;
    int rc = v && loans ? fb_demand_view_get(book, id, v) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_demand_loans(book, id, loans, FB_DEMAND_LOANS_SHOWN, &n);
    if (rc == FB_OK) *out = fb_json_encode_demand(v, false, (const fb_list_id *)loans, n);
    free(v);
    free(loans);
    return rc;
}

static int demands_list(int argc, char **argv) {
    static const char *const extra[] = {"--status", "--after", "--limit", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge demands list --db PATH [--status open|closed|all]"
                         " [--after ID] [--limit N]",
                         &o)) {
        return CLI_ERROR;
    }
    int64_t limit = 1000;
    if (o.extra[2] && !cli_int_option("--limit", o.extra[2], 1, 1000, &limit)) return CLI_ERROR;
    const char *status = o.extra[0] ? o.extra[0] : "all";
    fb_demand_filter filter = strcmp(status, "open") == 0     ? FB_DEMANDS_OPEN
                              : strcmp(status, "closed") == 0 ? FB_DEMANDS_CLOSED
                                                              : FB_DEMANDS_ALL;
    if (filter == FB_DEMANDS_ALL && strcmp(status, "all") != 0) {
        fprintf(stderr, "finbridge: --status must be open, closed or all\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_demand_view *v = calloc((size_t)limit, sizeof *v);
    size_t n = 0;
    int rc = v ? fb_demands_list(book, NULL, filter, o.extra[1], v, (size_t)limit, &n) : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        cli_print_json(stdout, fb_json_encode_demand(&v[i], false, NULL, 0));
    if (rc) fprintf(stderr, "finbridge: demands list: %s\n", fb_book_errmsg(book));
    free(v);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

/* ---- The steps ---------------------------------------------------------------------------------
 */

enum { X_OFFICER, X_DATE, X_NOTE, X_FACILITY, X_AMOUNT, X_REASON, X_TEXT, X_COUNT };
static const char *const step_options[] = {"--officer", "--date",   "--note", "--facility",
                                           "--amount",  "--reason", "--text", NULL};

/* The options a step takes, by X_ bit. */
static unsigned options_of(fb_demand_status step) {
    unsigned date = 1u << X_DATE;
    switch (step) {
    case FB_DEMAND_ACCEPTED: return date | 1u << X_OFFICER;
    case FB_DEMAND_CONTACTED: return date | 1u << X_NOTE;
    case FB_DEMAND_GRANTED: return date | 1u << X_FACILITY | 1u << X_AMOUNT;
    case FB_DEMAND_DECLINED: return date | 1u << X_REASON | 1u << X_TEXT;
    default: return date | 1u << X_TEXT;
    }
}

static bool copy_text(const char *option, const char *value, char *dst, size_t cap) {
    if (!value) return true;
    if (strlen(value) >= cap) {
        fprintf(stderr, "finbridge: %s is longer than %zu bytes\n", option, cap - 1);
        return false;
    }
    snprintf(dst, cap, "%s", value);
    return true;
}

/* Reads the step's options into s; false (said on stderr) for one it does not take or a bad
 * value. */
static bool read_step(const cli_opts *o, fb_demand_status step, fb_demand_step *s) {
    unsigned takes = options_of(step);
    for (int k = 0; k < X_COUNT; k++) {
        if (o->extra[k] && !(takes & (1u << k))) {
            fprintf(stderr, "finbridge: demands %s takes no %s\n", fb_demand_status_name(step),
                    step_options[k]);
            return false;
        }
    }
    const char *why = NULL;
    if (o->extra[X_DATE] && !cli_date_option("--date", o->extra[X_DATE], &s->date)) return false;
    if (o->extra[X_AMOUNT] &&
        fb_money_parse(o->extra[X_AMOUNT], strlen(o->extra[X_AMOUNT]), &s->amount_fen, &why)) {
        fprintf(stderr, "finbridge: --amount %s: %s\n", o->extra[X_AMOUNT], why);
        return false;
    }
    if (o->extra[X_REASON] && fb_decline_reason_parse(o->extra[X_REASON], &s->reason)) {
        fprintf(stderr, "finbridge: --reason must be insufficient_cash_flow, no_security,"
                        " credit_record, outside_policy, documents_incomplete or other\n");
        return false;
    }
    const char *text = o->extra[X_NOTE] ? o->extra[X_NOTE] : o->extra[X_TEXT];
    return copy_text("--officer", o->extra[X_OFFICER], s->officer, sizeof s->officer) &&
           copy_text("--facility", o->extra[X_FACILITY], s->facility, sizeof s->facility) &&
           copy_text(o->extra[X_NOTE] ? "--note" : "--text", text, s->text, sizeof s->text);
}

/* What a step's commit did, for its audit entry. */
static void describe_step(void *ctx, char *buf, size_t cap) {
    const fb_demand_step *s = ctx;
    snprintf(buf, cap, "demand %s %s", s->demand, fb_demand_status_name(s->step));
}

static int demands_step(int argc, char **argv, fb_demand_status step) {
    char usage[160];
    snprintf(usage, sizeof usage, "finbridge demands %s --db PATH ID [options]",
             fb_demand_status_name(step));
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, step_options, usage, &o)) return CLI_ERROR;
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    s.step = step;
    s.reason = FB_DECLINE_REASON_COUNT_;
    if (o.n_positional != 1 || strlen(o.positional[0]) >= sizeof s.demand) {
        fprintf(stderr, "finbridge: %s: takes one demand ID\n", usage);
        return CLI_ERROR;
    }
    snprintf(s.demand, sizeof s.demand, "%s", o.positional[0]);
    if (!read_step(&o, step, &s)) return CLI_ERROR;
    const char *field = NULL;
    char reason[200];
    if (fb_demand_step_check(&s, &field, reason, sizeof reason)) {
        fprintf(stderr, "finbridge: demands %s: %s %s\n", fb_demand_status_name(step), field,
                reason);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_demand_result result = FB_DEMAND_DONE;
    fb_demand d;
    cli_audit_describe(describe_step, &s);
    int rc = fb_demand_step_make(book, NULL, &s, &result);
    cli_audit_describe(NULL, NULL);
    bool ok = rc == FB_OK && (result == FB_DEMAND_DONE || result == FB_DEMAND_EXISTS);
    if (ok) rc = fb_demand_get(book, s.demand, &d);
    if (rc) {
        fprintf(stderr, "finbridge: demands %s: %s\n", fb_demand_status_name(step),
                fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_demand_step(&s, result, ok ? d.status : s.step));
    fb_book_close(book);
    return ok ? CLI_OK : CLI_FAILED;
}

int cmd_demands(int argc, char **argv) {
    static const struct {
        const char *name;
        fb_demand_status step;
    } steps[] = {{"accept", FB_DEMAND_ACCEPTED},
                 {"contact", FB_DEMAND_CONTACTED},
                 {"grant", FB_DEMAND_GRANTED},
                 {"decline", FB_DEMAND_DECLINED},
                 {"withdraw", FB_DEMAND_WITHDRAWN}};
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "post") == 0) return demands_post(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "demand", fetch_demand);
    if (strcmp(sub, "list") == 0) return demands_list(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (strcmp(sub, steps[i].name) == 0) return demands_step(argc - 1, argv + 1, steps[i].step);
    }
    fprintf(stderr, "finbridge: demands needs post, get, list, accept, contact, grant, decline or"
                    " withdraw\n");
    return CLI_ERROR;
}

/* ---- The calendar ------------------------------------------------------------------------------
 */

/* One year's notice a line: its result line. */
static int calendar_load(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge calendar load --db PATH < notices.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    char *line = malloc(FB_LINE_MAX + 1), fault[CLI_FAULT_MAX];
    fb_calendar_year *y = malloc(sizeof *y);
    int status = y && line ? CLI_OK : CLI_ERROR;
    long n = 0;
    for (long no = 1; status != CLI_ERROR &&
                      (n = cli_read_line(stdin, line, FB_LINE_MAX + 1, fault, sizeof fault)) >= 0;
         no++) {
        if (!fault[0] && cli_blank(line, (size_t)n)) continue;
        json_t *out = json_pack("{s:I}", "line", (json_int_t)no);
        fb_json_error err;
        memset(&err, 0, sizeof err);
        const char *field = NULL;
        int rc = FB_EINVAL;
        if (fault[0]) {
            snprintf(err.reason, sizeof err.reason, "line %s", fault);
        } else if ((rc = fb_json_read_calendar_year(line, (size_t)n, y, &err)) == FB_OK &&
                   (rc = fb_calendar_year_check(y, &field, err.reason, sizeof err.reason))) {
            snprintf(err.field, sizeof err.field, "%s", field);
        }
        fb_calendar_result result = FB_CALENDAR_LOADED;
        if (rc == FB_OK) rc = fb_calendar_load(book, y, &result);
        if (rc == FB_OK) {
            fb_json_calendar_result(out, y->year, result);
            if (result == FB_CALENDAR_EXISTS_WITH_DIFFERENT) status = CLI_FAILED;
        } else if (rc == FB_EINVAL) {
            fb_json_invalid_line(out, &err);
            status = CLI_FAILED;
        } else {
            fprintf(stderr, "finbridge: calendar load: %s\n", fb_book_errmsg(book));
            status = CLI_ERROR;
        }
        cli_print_json(stdout, out);
    }
    if (n == -2) status = CLI_ERROR;
    free(y);
    free(line);
    fb_book_close(book);
    return status;
}

static int fetch_year(fb_book *book, const char *text, json_t **out) {
    int64_t year = 0;
    const char *why = NULL;
    if (fb_query_int(text, FB_CALENDAR_FIRST_YEAR, FB_CALENDAR_LAST_YEAR, &year, &why)) {
        return FB_ENOTFOUND;
    }
    fb_calendar_year *y = malloc(sizeof *y);
    bool shipped = false;
    int rc = y ? fb_calendar_get(book, (int)year, y, &shipped) : FB_ENOMEM;
    if (rc == FB_OK) *out = fb_json_encode_calendar_year(y, shipped);
    free(y);
    return rc;
}

int cmd_calendar(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "load") == 0) return calendar_load(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "calendar", fetch_year);
    fprintf(stderr, "finbridge: calendar needs load or get\n");
    return CLI_ERROR;
}

/* ---- The measures -----------------------------------------------------------------------------
 */

int cmd_report_demands(int argc, char **argv) {
    static const char *const extra[] = {"--as-of", "--from", "--by", "--region", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge report demands --db PATH --as-of D [--from D]"
                         " [--by city,chain,line,size] [--region C]",
                         &o)) {
        return CLI_ERROR;
    }
    int32_t as_of = 0, from = 0;
    unsigned dims = 0;
    int64_t region = 0;
    const char *why = NULL;
    if (!o.extra[0] || !cli_date_option("--as-of", o.extra[0], &as_of)) {
        if (!o.extra[0]) fprintf(stderr, "finbridge: report demands needs --as-of YYYY-MM-DD\n");
        return CLI_ERROR;
    }
    if (o.extra[1] && !cli_date_option("--from", o.extra[1], &from)) return CLI_ERROR;
    if (o.extra[2] && (fb_report_dims_parse(o.extra[2], &dims) || (dims & FB_BY_CLASS))) {
        fprintf(stderr, "finbridge: --by takes city, chain, line and size, comma-separated\n");
        return CLI_ERROR;
    }
    if (o.extra[3] && (fb_query_int(o.extra[3], 1, 999999, &region, &why) ||
                       !fb_region_liaoning((int32_t)region))) {
        fprintf(stderr,
                "finbridge: --region %s: must be 210000 (Liaoning) or one of its cities'"
                " codes, 210100 to 211400\n",
                o.extra[3]);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_demand_row *rows = NULL;
    size_t n = 0;
    int rc = fb_report_demands(book, from, as_of, dims, (int32_t)region, &rows, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        cli_print_json(stdout, fb_json_encode_demand_row(&rows[i]));
    if (rc) fprintf(stderr, "finbridge: report demands: %s\n", fb_book_errmsg(book));
    free(rows);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}
