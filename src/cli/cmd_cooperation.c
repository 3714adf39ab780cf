/* cmd_cooperation.c — `finbridge projects` and `finbridge agreements`: the province's major
 * projects, and cooperation agreements with their targets and progress. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "json/book_json.h"

static int decode_project(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                          size_t id_cap) {
    fb_project *p = record;
    int rc = fb_json_decode_project(text, len, p, err);
    snprintf(id, id_cap, "%s", p->id);
    const char *field = NULL;
    if (rc == FB_OK && fb_project_check(p, &field, err->reason, sizeof err->reason)) {
        snprintf(err->field, sizeof err->field, "%s", field);
        rc = FB_EINVAL;
    }
    return rc;
}

static int submit_projects(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return fb_projects_create(l, records, n, outcomes);
}

static void describe_project(const void *record, const void *outcome, json_t *o, bool *failed) {
    (void)record;
    static const char *const names[] = {"created", "exists", "exists_with_different"};
    fb_project_result r = *(const fb_project_result *)outcome;
    json_object_set_new(o, "result", json_string(names[r]));
    *failed = r == FB_PROJECT_EXISTS_WITH_DIFFERENT;
}

static const cli_record_kind projects = {sizeof(fb_project), sizeof(fb_project_result),
                                         decode_project, submit_projects, describe_project};

static int fetch_project(fb_ledger *l, const char *id, json_t **out) {
    fb_project p;
    int rc = fb_project_get(l, id, &p);
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
        fb_ledger *l = cli_open(&o, 0);
        if (!l) return CLI_ERROR;
        int rc = cli_create_records(l, &projects, stdin, stdout);
        fb_ledger_close(l);
        return rc;
    }
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "project", fetch_project);
    fprintf(stderr, "finbridge: projects needs create or get\n");
    return CLI_ERROR;
}

static int fetch_agreement(fb_ledger *l, const char *id, json_t **out) {
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return FB_ENOMEM;
    int rc = fb_agreement_get(l, id, a);
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
    fb_ledger *l = cli_open(&o, 0);
    if (!l) return CLI_ERROR;
    static char line[1 << 16];
    fb_agreement *a = malloc(sizeof *a);
    int status = a ? CLI_OK : CLI_ERROR;
    long n;
    for (long line_no = 1; a && (n = cli_read_line(stdin, line, sizeof line, &(bool){0})) >= 0;
         line_no++) {
        if (cli_blank(line, (size_t)n)) continue;
        json_t *out = json_object();
        json_object_set_new(out, "line", json_integer(line_no));
        fb_json_error err;
        memset(&err, 0, sizeof err);
        const char *field = NULL;
        int rc = fb_json_decode_agreement(line, (size_t)n, a, &err);
        json_object_set_new(out, "id", json_string(a->id));
        if (rc == FB_OK && fb_agreement_check(a, &field, err.reason, sizeof err.reason)) {
            snprintf(err.field, sizeof err.field, "%s", field);
            rc = FB_EINVAL;
        }
        if (rc) {
            cli_invalid_line(out, &err);
            status = CLI_FAILED;
        } else {
            bool exists = false;
            rc = fb_agreement_create(l, a, &exists);
            if (rc == FB_OK) {
                json_object_set_new(out, "result", json_string(exists ? "exists" : "created"));
            } else {
                json_object_set_new(out, "result", json_string("refused"));
                json_object_set_new(out, "reason", json_string(fb_ledger_errmsg(l)));
                status = rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
            }
        }
        cli_print_json(stdout, out);
    }
    free(a);
    fb_ledger_close(l);
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
    fb_ledger *l = cli_open(&o, FB_OPEN_READONLY);
    if (!l) return CLI_ERROR;
    fb_agreement *a = malloc(sizeof *a);
    fb_progress *p = calloc(FB_TARGETS_MAX, sizeof *p);
    size_t n = 0;
    int rc = a && p ? fb_agreement_get(l, o.positional[0], a) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_agreement_progress(l, o.positional[0], as_of, p, &n);
    if (rc == FB_OK) {
        cli_print_json(stdout, fb_json_encode_progress(a, as_of, p, n));
    } else if (rc == FB_ENOTFOUND) {
        fprintf(stderr, "finbridge: no agreement %s\n", o.positional[0]);
    } else {
        fprintf(stderr, "finbridge: agreements progress: %s\n", fb_ledger_errmsg(l));
    }
    free(a);
    free(p);
    fb_ledger_close(l);
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
