/* cmd_subsidies.c — `finbridge subsidies`: create interest-subsidy schemes (JSON Lines), get
 * one, list them with their eligibility and figures (as GET /v1/subsidies), and the acts: enrol a
 * loan, claim a closed quarter, decide a claim's line (on the government's word), pay a decided
 * claim; one JSON line each, as the API answers (docs/schemes.md). */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "finbridge/scheme_report.h"
#include "wire/subsidy_json.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_subsidy(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_subsidy *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_subsidies_create(book, NULL, records, n, outcomes);
}

static const cli_record_kind schemes = {sizeof(fb_subsidy), sizeof(fb_subsidy_outcome), decode,
                                        submit, fb_json_subsidy_result};

static int subsidies_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge subsidies create --db PATH < schemes.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &schemes, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_subsidy(fb_book *book, const char *id, json_t **out) {
    fb_subsidy_view v;
    int rc = fb_subsidy_view_get(book, id, &v);
    if (rc == FB_OK) *out = fb_json_encode_subsidy(&v);
    return rc;
}

/* The schemes in id order, each as GET /v1/subsidies answers it: lines, sizes and the cap per
 * borrower (who may be enrolled), the terms and the figures. */
static int subsidy_page(fb_book *book, const char *after, void *rows, size_t cap, size_t *n) {
    return fb_subsidies_list(book, NULL, after, rows, cap, n);
}

static json_t *subsidy_json(const void *row) { return fb_json_encode_subsidy(row); }

static int subsidies_list(int argc, char **argv) {
    return cli_list_pages(argc, argv, "subsidies", sizeof(fb_subsidy_view), subsidy_page,
                          subsidy_json);
}

static void describe_act(void *ctx, char *buf, size_t cap) {
    const fb_subsidy_act *a = ctx;
    snprintf(buf, cap, "subsidy %s %s %s %d", a->scheme, fb_subsidy_act_name(a->kind), a->loan,
             (int)a->quarter);
}

/* The act's options into a: enrol --loan; claim and pay --quarter; decide --quarter, --approve
 * and --loan or --line (the line's id). */
static bool read_act(const cli_opts *o, fb_subsidy_act *a) {
    bool decide = a->kind == FB_SUBSIDY_DECIDE, enrol = a->kind == FB_SUBSIDY_ENROL;
    bool quarter = !enrol, approve = decide;
    bool loan_ok = enrol     ? o->extra[0] != NULL
                   : !decide ? !o->extra[0] && !o->extra[3]
                             : !o->extra[0] != !o->extra[3];
    if (!loan_ok || (enrol && o->extra[3]) || (!quarter && o->extra[1]) ||
        (!approve && o->extra[2]) || (quarter && !o->extra[1]) || (approve && !o->extra[2])) {
        fprintf(stderr, "finbridge: subsidies %s takes %s\n", fb_subsidy_act_name(a->kind),
                approve ? "--loan or --line, --quarter and --approve"
                : enrol ? "--loan"
                        : "--quarter");
        return false;
    }
    int64_t q = 0, line = 0;
    if (o->extra[1] && !cli_int_option("--quarter", o->extra[1], 20001, 20994, &q)) return false;
    if (quarter && (q % 10 < 1 || q % 10 > 4)) {
        fprintf(stderr, "finbridge: --quarter must be yyyyq with q from 1 to 4\n");
        return false;
    }
    a->quarter = (int32_t)q;
    if (o->extra[3] && !cli_int_option("--line", o->extra[3], 1, INT64_MAX, &line)) return false;
    a->line = line;
    if (approve && strcmp(o->extra[2], "true") != 0 && strcmp(o->extra[2], "false") != 0) {
        fprintf(stderr, "finbridge: --approve must be true or false\n");
        return false;
    }
    a->approve = approve && strcmp(o->extra[2], "true") == 0;
    if (o->extra[0] && strlen(o->extra[0]) >= sizeof a->loan) {
        fprintf(stderr, "finbridge: --loan is too long\n");
        return false;
    }
    if (o->extra[0]) snprintf(a->loan, sizeof a->loan, "%s", o->extra[0]);
    return true;
}

static int print_act(fb_book *book, const fb_subsidy_act *a, const fb_subsidy_outcome *out) {
    fb_subsidy_line *lines = calloc(FB_PAGE_MAX, sizeof *lines);
    size_t n = 0;
    int rc = lines ? FB_OK : FB_ENOMEM;
    bool ok = out->result == FB_SUBSIDY_DONE || out->result == FB_SUBSIDY_EXISTS;
    if (rc == FB_OK && ok && a->kind == FB_SUBSIDY_CLAIM)
        rc = fb_subsidy_claim_lines(book, a->scheme, a->quarter, lines, FB_PAGE_MAX, &n);
    if (rc == FB_OK) cli_print_json(stdout, fb_json_encode_subsidy_act(a, out, lines, n));
    free(lines);
    return rc;
}

static int subsidies_act(int argc, char **argv, fb_subsidy_act_kind kind) {
    static const char *const extra[] = {"--loan", "--quarter", "--approve", "--line", NULL};
    char usage[160];
    snprintf(usage, sizeof usage, "finbridge subsidies %s --db PATH SCHEME [options]",
             fb_subsidy_act_name(kind));
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    a.kind = kind;
    if (o.n_positional != 1 || strlen(o.positional[0]) >= sizeof a.scheme) {
        fprintf(stderr, "finbridge: %s: takes one scheme ID\n", usage);
        return CLI_ERROR;
    }
    snprintf(a.scheme, sizeof a.scheme, "%s", o.positional[0]);
    if (!read_act(&o, &a)) return CLI_ERROR;
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_subsidy_outcome out;
    cli_audit_describe(describe_act, &a);
    int rc = fb_subsidy_act_make(book, NULL, &a, &out);
    cli_audit_describe(NULL, NULL);
    if (rc == FB_OK) rc = print_act(book, &a, &out);
    if (rc) {
        fprintf(stderr, "finbridge: subsidies %s: %s\n", fb_subsidy_act_name(kind),
                fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    fb_book_close(book);
    return out.result == FB_SUBSIDY_DONE || out.result == FB_SUBSIDY_EXISTS ? CLI_OK : CLI_FAILED;
}

int cmd_subsidies(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return subsidies_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) {
        return cli_get_each(argc - 1, argv + 1, "subsidy scheme", fetch_subsidy);
    }
    if (strcmp(sub, "list") == 0) return subsidies_list(argc - 1, argv + 1);
    fb_subsidy_act_kind kind;
    if (fb_subsidy_act_parse(sub, &kind) == FB_OK) return subsidies_act(argc - 1, argv + 1, kind);
    fprintf(stderr, "finbridge: subsidies needs create, get, list, enrol, claim, decide or pay\n");
    return CLI_ERROR;
}
