/* cmd_export.c — `finbridge export`: a kind of the book's records or one of its reports as a CSV
 * or XLSX file (src/wire/export.h; docs/export.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "wire/export.h"

static const char usage[] =
    "finbridge export --db PATH --as-of D KIND [--format csv|xlsx] [--region C] [--out FILE]\n"
    "       [--from D] [--by city,chain,line,size,class] [--agreement ID] [--limit N]";

enum { X_FORMAT, X_REGION, X_OUT, X_FROM, X_BY, X_AGREEMENT, X_LIMIT };
static const char *const extra[] = {"--format", "--region",    "--out",   "--from",
                                    "--by",     "--agreement", "--limit", NULL};

/* A region option: absent (every borrower), 210000 (the province) or one of its cities. */
static bool region_arg(const char *text, int32_t *region) {
    *region = 0;
    if (!text) return true;
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v > INT32_MAX || !fb_region_liaoning((int32_t)v)) {
        fprintf(stderr,
                "finbridge: --region %s: must be 210000 (Liaoning) or one of its cities'"
                " codes, 210100 to 211400\n",
                text);
        return false;
    }
    *region = (int32_t)v;
    return true;
}

static bool date_arg(const char *name, const char *text, bool required, int32_t *out) {
    const char *why = "is required";
    *out = 0;
    if (!text && !required) return true;
    if (text && fb_date_parse(text, out, &why) == FB_OK) return true;
    fprintf(stderr, "finbridge: %s %s: %s\nusage: %s\n", name, text ? text : "", why, usage);
    return false;
}

/* The request the options make; false (said on stderr) when one is malformed. */
static bool request(const cli_opts *o, fb_export_request *q) {
    memset(q, 0, sizeof *q);
    if (o->n_positional != 1) {
        fprintf(stderr, "finbridge: export needs one KIND: %s\nusage: %s\n", fb_export_kind_names(),
                usage);
        return false;
    }
    q->kind = o->positional[0];
    const char *format = o->extra[X_FORMAT] ? o->extra[X_FORMAT] : "csv";
    if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
        fprintf(stderr, "finbridge: --format is csv or xlsx\n");
        return false;
    }
    q->format = strcmp(format, "xlsx") == 0 ? FB_EXPORT_XLSX : FB_EXPORT_CSV;
    if (!date_arg("--as-of", o->as_of, true, &q->as_of) ||
        !date_arg("--from", o->extra[X_FROM], false, &q->from) ||
        !region_arg(o->extra[X_REGION], &q->region)) {
        return false;
    }
    if (o->extra[X_BY] && fb_report_dims_parse(o->extra[X_BY], &q->dims)) {
        fprintf(stderr,
                "finbridge: --by takes city, chain, line, size and class, comma-separated\n");
        return false;
    }
    q->agreement = o->extra[X_AGREEMENT];
    if (o->extra[X_LIMIT]) {
        char *end = NULL;
        long limit = strtol(o->extra[X_LIMIT], &end, 10);
        if (*end || limit < 1 || limit > 1000) {
            fprintf(stderr, "finbridge: --limit must be 1 to 1000\n");
            return false;
        }
        q->limit = (size_t)limit;
    }
    const char *slash = strrchr(o->db, '/');
    q->book_name = slash ? slash + 1 : o->db;
    return true;
}

/* The command line as the file's source: finbridge export and its arguments, --db's path
 * shortened to the book's name (the title names the book). */
static void source_line(int argc, char **argv, const char *book_name, char *buf, size_t cap) {
    size_t at = (size_t)snprintf(buf, cap, "finbridge export");
    for (int i = 0; i < argc && at < cap; i++) {
        bool db = i > 0 && strcmp(argv[i - 1], "--db") == 0;
        at += (size_t)snprintf(buf + at, cap - at, " %s", db ? book_name : argv[i]);
    }
    fb_text_cut(buf, cap);
}

/* Copies the file at path to stdout. */
static bool copy_out(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char buf[1 << 16];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = fwrite(buf, 1, n, stdout) == n;
    ok = ok && !ferror(f) && fflush(stdout) == 0;
    fclose(f);
    return ok;
}

/* Without --out the file goes to stdout, by way of a temporary file (XLSX is written whole by
 * libxlsxwriter at its close, and both formats go the same way). */
static int export_to(fb_book *book, const fb_export_request *q, const char *out_path) {
    char tmp[512] = "";
    if (!out_path) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/finbridge-export-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(tmp);
        if (fd < 0) {
            fprintf(stderr, "finbridge: export: a temporary file: %s\n", FB_ERRNO_TEXT(errno));
            return CLI_ERROR;
        }
        close(fd);
    }
    fb_export_outcome out;
    int rc = fb_export_write(book, q, out_path ? out_path : tmp, &out);
    if (rc == FB_OK && tmp[0] && !copy_out(tmp)) {
        fprintf(stderr, "finbridge: export: writing to stdout failed\n");
        rc = FB_EIO;
    }
    if (tmp[0]) unlink(tmp);
    if (rc) {
        fprintf(stderr, "finbridge: export %s: %s\n", q->kind, out.message);
        return rc == FB_EINVAL || rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
    }
    fprintf(stderr, "finbridge: export %s: %llu rows%s%s", q->kind, (unsigned long long)out.rows,
            out_path ? " to " : "", out_path ? out_path : "");
    if (out.sheets > 1) fprintf(stderr, " in %u sheets", out.sheets);
    if (out.money_as_text) {
        fprintf(stderr, "; %llu amounts beyond 15 digits written as text",
                (unsigned long long)out.money_as_text);
    }
    fputc('\n', stderr);
    return CLI_OK;
}

int cmd_export(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB | OPT_AS_OF, extra, usage, &o)) return CLI_ERROR;
    fb_export_request q;
    if (!request(&o, &q)) return CLI_ERROR;
    if (!fb_export_kind_known(q.kind)) {
        fprintf(stderr, "finbridge: no export of %s: the kinds are %s\n", q.kind,
                fb_export_kind_names());
        return CLI_ERROR;
    }
    if (q.format == FB_EXPORT_XLSX && !o.extra[X_OUT] && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "finbridge: an XLSX file is not for a terminal: give --out FILE\n");
        return CLI_ERROR;
    }
    char source[512];
    source_line(argc, argv, q.book_name, source, sizeof source);
    q.source = source;
    /* The parties' register reads their room alone (a book on PostgreSQL holds it). */
    unsigned rooms = strcmp(q.kind, "parties") == 0 ? FB_OPEN_PARTIES : 0;
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | rooms);
    if (!book) return CLI_ERROR;
    int rc = export_to(book, &q, o.extra[X_OUT]);
    fb_book_close(book);
    return rc;
}
