/* cmd_quality.c — the regulator's side of the finbridge command: `loans extend|restructure|renew`
 * (changes of terms), `loans classify` (an officer's class) and `loans classes` (a loan's
 * history), `report moves|provisions|quality`, and `green-catalogue load|list`. A command reads
 * its flags into the JSON body the API reads, and decodes it with the same reader, so that the two
 * doors read one record; it answers what the API answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "wire/table_reader.h"

/* Removes a flag without a value from argv (present: true). */
static bool take_flag(int *argc, char **argv, const char *flag) {
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], flag) != 0) continue;
        memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i - 1) * sizeof *argv);
        (*argc)--;
        return true;
    }
    return false;
}

/* The body of o's options: each named value under its field's name (--x-y: x_y); months as a
 * number. */
static json_t *body_of(const cli_opts *o, const char *const *names, bool *ok) {
    json_t *b = json_object();
    *ok = true;
    for (int i = 0; names[i]; i++) {
        if (!o->extra[i]) continue;
        char key[40];
        snprintf(key, sizeof key, "%s", names[i] + 2);
        for (char *p = key; *p; p++)
            if (*p == '-') *p = '_';
        if (strcmp(key, "months") == 0) {
            int64_t months = 0;
            if (!cli_int_option("--months", o->extra[i], 1, FB_LOAN_MONTHS_MAX, &months)) {
                *ok = false;
                continue;
            }
            json_object_set_new(b, key, json_integer(months));
        } else {
            json_object_set_new(b, key, json_string(o->extra[i]));
        }
    }
    return b;
}

static int refuse_field(const char *verb, const fb_json_error *err) {
    fprintf(stderr, "finbridge: loans %s: --%s %s\n", verb, err->field[0] ? err->field : "",
            err->reason);
    return CLI_ERROR;
}

/* `loans extend|restructure|renew --db PATH ID ...`: one change, one JSON line. */
static int loans_change(const char *verb, fb_change_kind kind, int argc, char **argv) {
    static const char *const extra[] = {
        "--months", "--difficulty", "--reason",       "--rate",        "--method",     "--date",
        "--id",     "--consent-by", "--consent-date", "--consent-ref", "--state-rule", NULL};
    bool capitalise = take_flag(&argc, argv, "--capitalise");
    bool refinancing = take_flag(&argc, argv, "--refinancing");
    char usage[360];
    snprintf(usage, sizeof usage,
             "finbridge loans %s --db PATH ID --months N [--difficulty K] [--reason T] [--rate P]"
             " [--method M] [--capitalise] [--refinancing] [--date D] [--id R]"
             " [--consent-by GUARANTOR --consent-date D --consent-ref T] [--state-rule T]",
             verb);
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    if (o.n_positional != 1 || strlen(o.positional[0]) > FB_LOAN_ID_MAX) {
        fprintf(stderr, "finbridge: loans %s takes one loan ID\n", verb);
        return CLI_ERROR;
    }
    bool ok = true;
    json_t *b = body_of(&o, extra, &ok);
    if (capitalise) json_object_set_new(b, "capitalise", json_true());
    if (refinancing) json_object_set_new(b, "refinancing", json_true());
    char *text = ok ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    if (!text) return CLI_ERROR;
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", o.positional[0]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = fb_json_read_loan_change(text, strlen(text), kind, &c, &err);
    free(text);
    if (rc) return refuse_field(verb, &err);
    snprintf(c.actor, sizeof c.actor, "%s", cli_audit_actor());
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_change_result result = FB_CHANGE_DONE;
    rc = fb_loan_change_apply(book, &c, &result);
    if (rc) {
        fprintf(stderr, "finbridge: loans %s: %s\n", verb, fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    if (result != FB_CHANGE_DONE && result != FB_CHANGE_EXISTS) {
        cli_audit_refused(o.db, c.message[0] ? c.message : fb_change_result_name(result));
    }
    cli_print_json(stdout, fb_json_encode_loan_change(&c, result));
    fb_book_close(book);
    return result == FB_CHANGE_DONE || result == FB_CHANGE_EXISTS ? CLI_OK : CLI_FAILED;
}

static int loans_classify(int argc, char **argv) {
    static const char *const extra[] = {"--class", "--reason", "--date", NULL};
    bool resolved = take_flag(&argc, argv, "--resolved");
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge loans classify --db PATH ID --class C --reason T [--resolved]"
                         " [--date D]",
                         &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional != 1 || strlen(o.positional[0]) > FB_LOAN_ID_MAX) {
        fprintf(stderr, "finbridge: loans classify takes one loan ID\n");
        return CLI_ERROR;
    }
    bool ok = true;
    json_t *b = body_of(&o, extra, &ok);
    if (resolved) json_object_set_new(b, "resolved", json_true());
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    if (!text) return CLI_ERROR;
    fb_classification c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", o.positional[0]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = fb_json_read_classification(text, strlen(text), &c, &err);
    free(text);
    if (rc) return refuse_field("classify", &err);
    snprintf(c.actor, sizeof c.actor, "%s", cli_audit_actor());
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_classify_result result = FB_CLASSIFY_DONE;
    rc = fb_loan_classify(book, &c, &result);
    if (rc) {
        fprintf(stderr, "finbridge: loans classify: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    bool done = result == FB_CLASSIFY_DONE || result == FB_CLASSIFY_UNCHANGED;
    if (!done) cli_audit_refused(o.db, c.message[0] ? c.message : "refused");
    cli_print_json(stdout, fb_json_encode_classification(&c, result));
    fb_book_close(book);
    return done ? CLI_OK : CLI_FAILED;
}

static int fetch_history(fb_book *book, const char *id, json_t **out) {
    return fb_json_loan_history(book, id, out);
}

int cli_loans_terms(const char *sub, int argc, char **argv, bool *handled) {
    *handled = true;
    if (strcmp(sub, "extend") == 0) return loans_change(sub, FB_CHANGE_EXTENSION, argc, argv);
    if (strcmp(sub, "restructure") == 0) {
        return loans_change(sub, FB_CHANGE_RESTRUCTURING, argc, argv);
    }
    if (strcmp(sub, "renew") == 0) return loans_change(sub, FB_CHANGE_RENEWAL, argc, argv);
    if (strcmp(sub, "classify") == 0) return loans_classify(argc, argv);
    if (strcmp(sub, "classes") == 0) return cli_get_each(argc, argv, "loan", fetch_history);
    *handled = false;
    return CLI_ERROR;
}

/* ---- Reports ------------------------------------------------------------------------------- */

/* --as-of: a date, or absent (0) where the report has a default. */
static bool as_of_arg(const cli_opts *o, bool required, const char *what, int32_t *as_of) {
    *as_of = 0;
    if (!o->extra[0]) {
        if (required) fprintf(stderr, "finbridge: report %s needs --as-of YYYY-MM-DD\n", what);
        return !required;
    }
    return cli_date_option("--as-of", o->extra[0], as_of);
}

int cli_report_moves(fb_book *book, const cli_opts *o) {
    int32_t from = 0, to = 0;
    if (!o->extra[1]) {
        fprintf(stderr, "finbridge: report moves needs --from D --as-of D\n");
        return CLI_ERROR;
    }
    if (!as_of_arg(o, true, "moves", &to) || !cli_date_option("--from", o->extra[1], &from)) {
        return CLI_ERROR;
    }
    fb_migration *m = malloc(sizeof *m);
    int rc = m ? fb_report_migration(book, from, to, m) : FB_ENOMEM;
    if (rc) {
        fprintf(stderr, "finbridge: report moves: %s\n", fb_book_errmsg(book));
        free(m);
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_migration(m));
    free(m);
    return CLI_OK;
}

int cli_report_provisions(fb_book *book, const cli_opts *o) {
    int32_t as_of = 0, region = 0;
    unsigned dims = 0;
    if (!as_of_arg(o, false, "provisions", &as_of) || !cli_region_arg(o->extra[3], &region)) {
        return CLI_ERROR;
    }
    if (o->extra[2] && (fb_report_dims_parse(o->extra[2], &dims) ||
                        (dims & ~(unsigned)(FB_BY_CITY | FB_BY_LINE)))) {
        fprintf(stderr, "finbridge: --by takes line and city, comma-separated\n");
        return CLI_ERROR;
    }
    fb_provision_report p;
    int rc = fb_report_provisions(book, as_of, dims, region, false, &p);
    if (rc) {
        fprintf(stderr, "finbridge: report provisions: %s\n", fb_book_errmsg(book));
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_provisions(&p));
    free(p.rows);
    return CLI_OK;
}

int cli_report_quality(fb_book *book, const cli_opts *o) {
    int32_t as_of = 0, region = 0;
    if (!as_of_arg(o, false, "quality", &as_of) || !cli_region_arg(o->extra[3], &region)) {
        return CLI_ERROR;
    }
    fb_quality_report q;
    int rc = fb_report_quality(book, as_of, region, false, &q);
    if (rc) {
        fprintf(stderr, "finbridge: report quality: %s\n", fb_book_errmsg(book));
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_quality(&q));
    return CLI_OK;
}

/* ---- The green catalogue ----------------------------------------------------------------- */

/* Reads the annex: a header row (code, level, parent, name, in that order) and one item a row. */
static int read_catalogue(const char *path, fb_green_item *items, size_t *n) {
    fb_table *t = NULL;
    fb_table_error err;
    if (fb_table_open_file(path, NULL, &t, &err)) {
        fprintf(stderr, "finbridge: green-catalogue load: %s\n", err.message);
        return CLI_ERROR;
    }
    fb_table_row row;
    int rc = fb_table_header(t, &row);
    static const char *const columns[] = {"code", "level", "parent", "name"};
    bool header = rc == 1 && row.count >= 4;
    for (int i = 0; header && i < 4; i++)
        header = strcmp(row.cells[i].text, columns[i]) == 0;
    if (rc == 1 && !header) {
        fprintf(stderr,
                "finbridge: green-catalogue load: %s: the header must be code, level,"
                " parent, name\n",
                path);
        fb_table_close(t);
        return CLI_ERROR;
    }
    *n = 0;
    while (rc >= 0 && (rc = fb_table_next(t, &row)) == 1) {
        if (row.blank) continue;
        if (*n == FB_GREEN_ITEMS_MAX) {
            fprintf(stderr, "finbridge: green-catalogue load: more than %d items\n",
                    FB_GREEN_ITEMS_MAX);
            fb_table_close(t);
            return CLI_ERROR;
        }
        fb_green_item *g = &items[(*n)++];
        memset(g, 0, sizeof *g);
        int64_t level = 0;
        char name[48];
        snprintf(name, sizeof name, "row %llu, level", (unsigned long long)row.number);
        if (!cli_int_option(name, row.cells[1].text, 1, FB_GREEN_LEVELS, &level)) {
            fb_table_close(t);
            return CLI_ERROR;
        }
        g->level = (int)level;
        snprintf(g->code, sizeof g->code, "%s", row.cells[0].text);
        snprintf(g->parent, sizeof g->parent, "%s", row.cells[2].text);
        snprintf(g->name, sizeof g->name, "%s", row.cells[3].text);
        fb_text_cut(g->name, sizeof g->name);
    }
    if (rc < 0)
        fprintf(stderr, "finbridge: green-catalogue load: %s\n", fb_table_last_error(t)->message);
    fb_table_close(t);
    return rc < 0 ? CLI_ERROR : CLI_OK;
}

int cmd_green_catalogue(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    cli_opts o;
    if (!cli_parse(argc - 1, argv + 1, OPT_DB,
                   "finbridge green-catalogue load --db PATH FILE | list --db PATH", &o)) {
        return CLI_ERROR;
    }
    bool load = strcmp(sub, "load") == 0;
    if ((!load && strcmp(sub, "list") != 0) || o.n_positional != (load ? 1 : 0)) {
        fprintf(stderr, "finbridge: green-catalogue load --db PATH FILE | list --db PATH\n");
        return CLI_ERROR;
    }
    fb_green_item *items = load ? calloc(FB_GREEN_ITEMS_MAX, sizeof *items) : NULL;
    size_t n = 0;
    if (load && (!items || read_catalogue(o.positional[0], items, &n) != CLI_OK)) {
        free(items);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, load ? 0 : FB_OPEN_READONLY);
    int rc = book ? FB_OK : FB_EIO;
    bool loaded = false;
    if (book && load) rc = fb_green_catalogue_load(book, items, n);
    free(items);
    items = NULL;
    if (book && rc == FB_OK) rc = fb_green_catalogue(book, &items, &n, &loaded);
    if (book && rc == FB_OK)
        cli_print_json(stdout, fb_json_encode_green_catalogue(items, n, loaded));
    if (book && rc)
        fprintf(stderr, "finbridge: green-catalogue %s: %s\n", sub, fb_book_errmsg(book));
    free(items);
    if (book) fb_book_close(book);
    return !book ? CLI_ERROR : rc == FB_EINVAL ? CLI_FAILED : rc ? CLI_ERROR : CLI_OK;
}
