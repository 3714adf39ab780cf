/* cmd_cooperation.c — `finbridge projects` and `finbridge agreements`: the province's major
 * projects, and cooperation agreements with their targets and progress. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "wire/book_json.h"
#include "wire/query.h"

static int decode_project(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                          size_t id_cap) {
    int rc = fb_json_read_project(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_project *)record)->id);
    return rc;
}

static int submit_projects(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_projects_create(book, records, n, outcomes);
}

static const cli_record_kind projects = {sizeof(fb_project), sizeof(fb_project_result),
                                         decode_project, submit_projects, fb_json_project_result};

static int fetch_project(fb_book *book, const char *id, json_t **out) {
    fb_project p;
    int rc = fb_project_get(book, id, &p);
    if (rc == FB_OK) *out = fb_json_encode_project(&p);
    return rc;
}

int cmd_projects(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) {
        cli_opts o;
        if (!cli_parse(argc - 1, argv + 1, OPT_DB,
                       "finbridge projects create --db PATH < projects.jsonl", &o)) {
            return CLI_ERROR;
        }
        fb_book *book = cli_open(&o, 0);
        if (!book) return CLI_ERROR;
        int rc = cli_create_records(book, &projects, stdin, stdout);
        fb_book_close(book);
        return rc;
    }
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "project", fetch_project);
    fprintf(stderr, "finbridge: projects needs create or get\n");
    return CLI_ERROR;
}

static int fetch_agreement(fb_book *book, const char *id, json_t **out) {
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return FB_ENOMEM;
    int rc = fb_agreement_get(book, id, a);
    if (rc == FB_OK) *out = fb_json_encode_agreement(a);
    free(a);
    return rc;
}

/* One agreement a line: its result line, as the other creates print. */
static int agreements_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge agreements create --db PATH < agreements.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    char *line = malloc(FB_LINE_MAX + 1), fault[CLI_FAULT_MAX];
    fb_agreement *a = malloc(sizeof *a);
    int status = a && line ? CLI_OK : CLI_ERROR;
    long n = 0;
    for (long line_no = 1; status != CLI_ERROR && (n = cli_read_line(stdin, line, FB_LINE_MAX + 1,
                                                                     fault, sizeof fault)) >= 0;
         line_no++) {
        if (!fault[0] && cli_blank(line, (size_t)n)) continue;
        json_t *out = json_object();
        json_object_set_new(out, "line", json_integer(line_no));
        fb_json_error err;
        memset(&err, 0, sizeof err);
        memset(a, 0, sizeof *a);
        int rc = FB_EINVAL;
        if (fault[0]) {
            snprintf(err.reason, sizeof err.reason, "line %s", fault);
        } else {
            rc = fb_json_read_agreement(line, (size_t)n, a, &err);
        }
        if (a->id[0]) json_object_set_new(out, "id", json_string(a->id));
        if (rc) {
            fb_json_invalid_line(out, &err);
            status = CLI_FAILED;
        } else {
            bool exists = false;
            rc = fb_agreement_create(book, a, &exists);
            if (rc == FB_OK || rc == FB_EINVAL) {
                fb_json_agreement_result(out, a->id, exists, rc ? fb_book_errmsg(book) : NULL);
            }
            if (rc && rc != FB_EINVAL) {
                fprintf(stderr, "finbridge: agreements create: %s\n", fb_book_errmsg(book));
            }
            if (rc) status = rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
        }
        cli_print_json(stdout, out);
    }
    if (n == -2) status = CLI_ERROR;
    free(a);
    free(line);
    fb_book_close(book);
    return status;
}

static int agreements_progress(int argc, char **argv) {
    static const char *const extra[] = {"--as-of", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge agreements progress --db PATH ID --as-of D", &o) ||
        o.n_positional != 1 || !o.extra[0]) {
        fprintf(stderr, "finbridge: usage: finbridge agreements progress --db PATH ID"
                        " --as-of YYYY-MM-DD\n");
        return CLI_ERROR;
    }
    int32_t as_of = 0;
    const char *why = NULL;
    if (fb_date_parse(o.extra[0], &as_of, &why)) {
        fprintf(stderr, "finbridge: --as-of %s: %s\n", o.extra[0], why);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_agreement *a = malloc(sizeof *a);
    fb_progress *p = calloc(FB_TARGETS_MAX, sizeof *p);
    size_t n = 0;
    int rc = a && p ? fb_agreement_get(book, o.positional[0], a) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_agreement_progress(book, o.positional[0], as_of, p, &n);
    json_t *shown = rc == FB_OK ? fb_json_encode_progress(a, as_of, p, n) : NULL;
    if (shown) rc = fb_json_progress_ranks(book, a, as_of, p, n, shown);
    if (rc == FB_OK) {
        cli_print_json(stdout, shown);
    } else if (rc == FB_ENOTFOUND) {
        fprintf(stderr, "finbridge: no agreement %s\n", o.positional[0]);
    } else {
        fprintf(stderr, "finbridge: agreements progress: %s\n", fb_book_errmsg(book));
    }
    if (rc != FB_OK) json_decref(shown);
    free(a);
    free(p);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

int cmd_agreements(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return agreements_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) {
        return cli_get_each(argc - 1, argv + 1, "agreement", fetch_agreement);
    }
    if (strcmp(sub, "progress") == 0) return agreements_progress(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: agreements needs create, get or progress\n");
    return CLI_ERROR;
}

/* A region option: absent (every borrower), 210000 (the province) or one of its cities. */
bool cli_region_arg(const char *text, int32_t *region) {
    *region = 0;
    if (!text) return true;
    int64_t v = 0;
    const char *why = NULL;
    if (fb_query_int(text, 1, 999999, &v, &why) || !fb_region_liaoning((int32_t)v)) {
        fprintf(stderr,
                "finbridge: --region %s: must be 210000 (Liaoning) or one of its cities'"
                " codes, 210100 to 211400\n",
                text);
        return false;
    }
    *region = (int32_t)v;
    return true;
}

/* `finbridge report credit|inclusive|moves|exposures`: the reports, as JSON lines or CSV. */
static int report_credit(fb_book *book, const cli_opts *o, bool csv) {
    int32_t as_of = 0, from = 0;
    unsigned dims = 0;
    const char *why = NULL;
    if (!o->extra[0] || fb_date_parse(o->extra[0], &as_of, &why)) {
        fprintf(stderr, "finbridge: report credit needs --as-of YYYY-MM-DD%s%s\n", why ? ": " : "",
                why ? why : "");
        return CLI_ERROR;
    }
    if (o->extra[1] && fb_date_parse(o->extra[1], &from, &why)) {
        fprintf(stderr, "finbridge: --from %s: %s\n", o->extra[1], why);
        return CLI_ERROR;
    }
    if (o->extra[2] && fb_report_dims_parse(o->extra[2], &dims)) {
        fprintf(stderr,
                "finbridge: --by takes city, chain, line, size and class, comma-separated\n");
        return CLI_ERROR;
    }
    int32_t region = 0;
    if (!cli_region_arg(o->extra[3], &region)) return CLI_ERROR;
    fb_report_row *rows = NULL;
    size_t n = 0;
    int rc = fb_report_credit(book, as_of, from, dims, region, &rows, &n);
    if (rc) {
        fprintf(stderr, "finbridge: report credit: %s\n", fb_book_errmsg(book));
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    if (csv) printf("city,chain,line,size,class,balance,loans,borrowers,new,new_loans\n");
    for (size_t i = 0; i < n; i++) {
        const fb_report_row *r = &rows[i];
        if (!csv) {
            cli_print_json(stdout, fb_json_encode_report_row(r));
            continue;
        }
        char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
        printf("%s,%s,%s,%s,%s,%s,%lld,%lld,%s,%lld\n",
               r->city >= 0 ? (fb_region_name_en(r->city) ? fb_region_name_en(r->city) : "other")
                            : "",
               strcmp(r->chain, "*") ? r->chain : "",
               r->line >= 0 ? fb_line_name((fb_line)r->line) : "",
               r->size >= 0 ? fb_size_class_name((fb_size_class)r->size) : "",
               r->loan_class >= 0 ? fb_loan_class_name((fb_loan_class)r->loan_class) : "",
               fb_money_format(r->balance_fen, a), (long long)r->loans, (long long)r->borrowers,
               fb_money_format(r->new_fen, b), (long long)r->new_loans);
    }
    free(rows);
    return CLI_OK;
}

static int report_inclusive(fb_book *book, const cli_opts *o) {
    int32_t as_of = 0, region = 0;
    const char *why = NULL;
    if (!o->extra[0] || fb_date_parse(o->extra[0], &as_of, &why)) {
        fprintf(stderr, "finbridge: report inclusive needs --as-of YYYY-MM-DD%s%s\n",
                why ? ": " : "", why ? why : "");
        return CLI_ERROR;
    }
    if (!cli_region_arg(o->extra[3], &region)) return CLI_ERROR;
    fb_two_increases t;
    int rc = fb_report_two_increases(book, as_of, region, &t);
    if (rc) {
        fprintf(stderr, "finbridge: report inclusive: %s\n", fb_book_errmsg(book));
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_two_increases(&t));
    return CLI_OK;
}

static int report_exposures(fb_book *book, const cli_opts *o) {
    int64_t limit = 10;
    if (o->extra[4] && !cli_int_option("--limit", o->extra[4], 1, 1000, &limit)) {
        return CLI_ERROR;
    }
    fb_exposure *e = calloc((size_t)limit, sizeof *e);
    size_t n = 0;
    int rc = e ? fb_report_exposures(book, (size_t)limit, e, &n) : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        json_t *j = fb_json_exposure_view(book, &e[i]);
        cli_print_json(stdout, j);
    }
    free(e);
    return rc ? CLI_ERROR : CLI_OK;
}

int cmd_report(int argc, char **argv) {
    static const char *const extra[] = {"--as-of", "--from",   "--by", "--region",
                                        "--limit", "--format", NULL};
    const char *sub = argc > 0 ? argv[0] : "";
    cli_opts o;
    if (!cli_parse_extra(argc - 1, argv + 1, OPT_DB, extra,
                         "finbridge report credit|inclusive|moves|exposures|provisions|quality"
                         " --db PATH [--as-of D]"
                         " [--from D] [--by city,chain,line,size,class] [--region C]"
                         " [--limit N] [--format json|csv]",
                         &o)) {
        return CLI_ERROR;
    }
    bool csv = o.extra[5] && strcmp(o.extra[5], "csv") == 0;
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    int rc = CLI_ERROR;
    if (strcmp(sub, "credit") == 0) {
        rc = report_credit(book, &o, csv);
    } else if (strcmp(sub, "moves") == 0) {
        rc = cli_report_moves(book, &o);
    } else if (strcmp(sub, "provisions") == 0) {
        rc = cli_report_provisions(book, &o);
    } else if (strcmp(sub, "quality") == 0) {
        rc = cli_report_quality(book, &o);
    } else if (strcmp(sub, "exposures") == 0) {
        rc = report_exposures(book, &o);
    } else if (strcmp(sub, "inclusive") == 0) {
        rc = report_inclusive(book, &o);
    } else {
        fprintf(stderr, "finbridge: report needs credit, inclusive, moves, exposures, provisions or"
                        " quality\n");
    }
    fb_book_close(book);
    return rc;
}
