/* common.c — option parsing, opening the book and JSON output for the subcommands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "core/assert.h"
#include "wire/query.h"

static bool take_value(int argc, char **argv, int *i, const char **dst) {
    if (*i + 1 >= argc) {
        fprintf(stderr, "finbridge: %s needs a value\n", argv[*i]);
        return false;
    }
    *dst = argv[++*i];
    return true;
}

static int extra_index(const char *const *extra, const char *a) {
    for (int k = 0; extra && extra[k] && k < CLI_EXTRA_MAX; k++) {
        if (strcmp(extra[k], a) == 0) return k;
    }
    return -1;
}

bool cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o) {
    return cli_parse_extra(argc, argv, allowed, NULL, usage, o);
}

bool cli_parse_extra(int argc, char **argv, unsigned allowed, const char *const *extra,
                     const char *usage, cli_opts *o) {
    memset(o, 0, sizeof *o);
    o->extra_names = extra;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool ok = true;
        int k = extra_index(extra, a);
        if (k >= 0) {
            ok = take_value(argc, argv, &i, &o->extra[k]);
        } else if ((allowed & OPT_DB) && strcmp(a, "--db") == 0) {
            ok = take_value(argc, argv, &i, &o->db);
        } else if ((allowed & OPT_RANGE) && strcmp(a, "--from") == 0) {
            ok = take_value(argc, argv, &i, &o->from);
        } else if ((allowed & OPT_RANGE) && strcmp(a, "--to") == 0) {
            ok = take_value(argc, argv, &i, &o->to);
        } else if ((allowed & OPT_RANGE) && strcmp(a, "--limit") == 0) {
            ok = take_value(argc, argv, &i, &o->limit);
        } else if ((allowed & OPT_RANGE) && strcmp(a, "--reverse") == 0) {
            o->reverse = true;
        } else if ((allowed & OPT_AS_OF) && strcmp(a, "--as-of") == 0) {
            ok = take_value(argc, argv, &i, &o->as_of);
        } else if ((allowed & OPT_SIDES) && strcmp(a, "--debits") == 0) {
            o->debits = true;
        } else if ((allowed & OPT_SIDES) && strcmp(a, "--credits") == 0) {
            o->credits = true;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "finbridge: unknown option %s\nusage: %s\n", a, usage);
            return false;
        } else if (o->n_positional < CLI_POSITIONAL_MAX) {
            o->positional[o->n_positional++] = a;
        } else {
            fprintf(stderr, "finbridge: at most %d arguments\n", CLI_POSITIONAL_MAX);
            return false;
        }
        if (!ok) return false;
    }
    /* FINBRIDGE_DB names the book when --db does not (a path, or a postgresql:// URI). */
    const char *env = getenv("FINBRIDGE_DB");
    if ((allowed & OPT_DB) && !o->db && env && env[0]) o->db = env;
    if ((allowed & OPT_DB) && !o->db) {
        fprintf(stderr, "finbridge: --db PATH is required\nusage: %s\n", usage);
        return false;
    }
    return true;
}

fb_book *cli_open(const cli_opts *o, unsigned open_flags) {
    fb_book *book = NULL;
    char err[768];
    int rc = fb_book_open(o->db, open_flags, &book, err, sizeof err);
    if (rc) {
        fprintf(stderr, "finbridge: %s\n", err);
        return NULL;
    }
    /* Every write audited, on either backend. */
    if (!(open_flags & FB_OPEN_READONLY)) {
        cli_audit_attach(book, o->db);
    }
    return book;
}

void cli_print_json(FILE *out, json_t *v) {
    if (!v) {
        fprintf(stderr, "finbridge: out of memory\n");
        return;
    }
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) {
        fputs(s, out);
        fputc('\n', out);
        free(s);
    }
    json_decref(v);
}

bool cli_timestamp(const char *name, const char *text, bool end_of_day, int64_t *out) {
    const char *why = NULL;
    if (fb_query_timestamp(text, end_of_day, out, &why) == FB_OK) return true;
    fprintf(stderr, "finbridge: %s '%s' %s\n", name, text, why);
    return false;
}

bool cli_int_option(const char *name, const char *text, int64_t min, int64_t max, int64_t *out) {
    const char *why = NULL;
    if (fb_query_int(text, min, max, out, &why) == FB_OK) return true;
    fprintf(stderr, "finbridge: %s '%s' %s; it takes %lld to %lld\n", name, text, why,
            (long long)min, (long long)max);
    return false;
}

bool cli_date_option(const char *name, const char *text, int32_t *out) {
    const char *why = NULL;
    if (fb_query_date(text, out, &why) == FB_OK) return true;
    fprintf(stderr, "finbridge: %s '%s' %s\n", name, text, why);
    return false;
}

bool cli_when(const char *name, const char *text, bool end, int64_t *ns, int32_t *date) {
    const char *why = NULL;
    if (fb_query_when(text, end, ns, date, &why) == FB_OK) return true;
    fprintf(stderr, "finbridge: %s '%s' %s\n", name, text, why);
    return false;
}

bool cli_query(const cli_opts *o, fb_query *q) {
    memset(q, 0, sizeof *q);
    q->limit = 100;
    q->reverse = o->reverse;
    q->debits = o->debits;
    q->credits = o->credits;
    /* A date selects by value date, a timestamp by time. */
    if (o->from && !cli_when("--from", o->from, false, &q->from_ns, &q->from_date)) return false;
    if (o->to && !cli_when("--to", o->to, true, &q->to_ns, &q->to_date)) return false;
    if ((q->to_ns && q->from_ns > q->to_ns) ||
        (q->from_date && q->to_date && q->from_date > q->to_date)) {
        fprintf(stderr, "finbridge: --from %s is after --to %s\n", o->from, o->to);
        return false;
    }
    int64_t limit = q->limit;
    if (o->limit && !cli_int_option("--limit", o->limit, 1, FB_QUERY_LIMIT_MAX, &limit)) {
        return false;
    }
    q->limit = (uint32_t)limit;
    return true;
}

bool cli_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    }
    return true;
}

long cli_read_line(FILE *in, char *buf, size_t cap, char *fault, size_t fault_cap) {
    FB_ASSERT(cap > 1 && fault_cap > 0);
    fault[0] = '\0';
    size_t n = 0;
    bool over = false, any = false;
    int c;
    while ((c = getc_unlocked(in)) != EOF) {
        any = true;
        if (c == '\n') break;
        if (n + 1 < cap) {
            buf[n++] = (char)c;
        } else {
            over = true; /* consumed to its end, kept no further */
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "finbridge: reading the input: %s\n", FB_ERRNO_TEXT(errno));
        return -2;
    }
    if (!any) return -1;
    return cli_line_checked(buf, n, over, cap, fault, fault_cap);
}

long cli_line_checked(char *buf, size_t n, bool over, size_t cap, char *fault, size_t fault_cap) {
    FB_ASSERT(n < cap && fault_cap > 0);
    buf[n] = '\0';
    fault[0] = '\0';
    size_t at = 0;
    fb_text_fault f = fb_text_check(buf, n, &at);
    if (over) {
        snprintf(fault, fault_cap, "is longer than %zu bytes", cap - 1);
    } else if (f == FB_TEXT_NUL) {
        snprintf(fault, fault_cap, "has a NUL byte at column %zu", at + 1);
    } else if (f == FB_TEXT_BAD_UTF8) {
        snprintf(fault, fault_cap, "is not UTF-8 at column %zu", at + 1);
    }
    return (long)n;
}
