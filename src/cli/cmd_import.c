/* cmd_import.c — `finbridge import`: bring a bank's book in at a cut-over, or its core system's
 * daily feed, from CSV and XLSX files (src/wire/import.h; docs/import.md). One JSON line says
 * what each file was and what became of its rows, and what the run did; a progress bar on a
 * terminal. Exit 0 committed (or, with --dry-run, all would be), 1 refused with nothing written
 * (rows refused: their files beside the inputs; totals that do not match; a file that does not
 * read), 2 usage or the program could not run. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "cli/import_parts.h"
#include "wire/import.h"

static const char usage[] =
    "finbridge import --db PATH --as-of DATE [--dry-run] [--encoding auto|utf8|gb18030]\n"
    "       [--rejects DIR] [--part-rows N] FILE...\n"
    "finbridge import --db PATH --recover";

enum { X_ENCODING, X_REJECTS, X_PART_ROWS };
static const char *const extra[] = {"--encoding", "--rejects", "--part-rows", NULL};

typedef struct {
    bool tty;
    struct timespec start;
    const char *file;
} bar;

/* A line redrawn in place on a terminal: the file, a bar of its bytes, rows and rows a second. */
static void show(void *ctx, const char *file, uint64_t rows, uint64_t done, uint64_t total) {
    bar *b = ctx;
    if (!b->tty) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double s =
        (double)(now.tv_sec - b->start.tv_sec) + (double)(now.tv_nsec - b->start.tv_nsec) / 1e9;
    int width = 30, filled = total ? (int)((double)done * width / (double)total) : 0;
    char line[width + 1];
    for (int i = 0; i < width; i++)
        line[i] = i < filled ? '#' : '.';
    line[width] = 0;
    const char *base = strrchr(file, '/');
    fprintf(stderr, "\rimport %-24.24s [%s] %3d%% %10llu rows %8.0f rows/s", base ? base + 1 : file,
            line, total ? (int)(done * 100 / total) : 0, (unsigned long long)rows,
            s > 0 ? (double)rows / s : 0.0);
    b->file = file;
}

static json_t *file_line(const fb_import_file *f) {
    json_t *j = json_object();
    json_object_set_new(j, "file", json_string(f->path));
    json_object_set_new(j, "kind", json_string(fb_import_kind_name(f->kind)));
    json_object_set_new(j, "format", json_string(f->format == FB_TABLE_XLSX ? "xlsx" : "csv"));
    json_object_set_new(j, "rows", json_integer((json_int_t)f->rows));
    json_object_set_new(j, "created", json_integer((json_int_t)f->created));
    json_object_set_new(j, "exists", json_integer((json_int_t)f->exists));
    json_object_set_new(j, "rejected", json_integer((json_int_t)f->rejected));
    json_object_set_new(j, "amount", fb_json_money(f->amount_fen));
    json_object_set_new(j, "overdue", fb_json_money(f->overdue_fen));
    if (f->rejects[0]) json_object_set_new(j, "rejects", json_string(f->rejects));
    return j;
}

static json_t *summary_line(const fb_import_report *r, bool dry_run) {
    json_t *j = json_object(), *files = json_array();
    char date[11];
    for (size_t i = 0; i < r->n_files; i++)
        json_array_append_new(files, file_line(&r->files[i]));
    json_object_set_new(j, "as_of", json_string(fb_date_format(r->summary.as_of, date)));
    json_object_set_new(j, "mode", json_string(r->summary.cutover ? "cutover" : "feed"));
    json_object_set_new(j, "dry_run", json_boolean(dry_run));
    json_object_set_new(j, "committed", json_boolean(r->summary.committed));
    if (r->summary.run) json_object_set_new(j, "run", json_integer(r->summary.run));
    json_object_set_new(j, "created", json_integer(r->summary.created));
    json_object_set_new(j, "exists", json_integer(r->summary.exists));
    json_object_set_new(j, "rejected", json_integer(r->summary.rejected));
    json_object_set_new(j, "openings", json_integer(r->summary.openings));
    json_object_set_new(j, "net", fb_json_money(r->summary.net_fen));
    if (r->error[0]) json_object_set_new(j, "error", json_string(r->error));
    json_object_set_new(j, "files", files);
    return j;
}

/* What the run's commit did, for the audit log: called as it commits, the summary filled. */
static void describe(void *ctx, char *buf, size_t cap) {
    const fb_import_report *r = ctx;
    char date[11];
    if (r->summary.run == 0) { /* a part of a cut-over (docs/import.md, "A large book") */
        uint64_t rows = 0;
        for (size_t i = 0; i < r->n_files; i++)
            rows += r->files[i].created + r->files[i].exists + r->files[i].rejected;
        snprintf(buf, cap,
                 "import cut-over as of %s: part %lld, %llu rows read (the run is not finished "
                 "until its last part)",
                 fb_date_format(r->summary.as_of, date), (long long)r->parts + 1,
                 (unsigned long long)rows);
        return;
    }
    snprintf(buf, cap, "import %s as of %s: %lld rows written, %lld found, %zu files",
             r->summary.cutover ? "cut-over" : "feed", fb_date_format(r->summary.as_of, date),
             (long long)r->summary.created, (long long)r->summary.exists, r->n_files);
}

static bool encoding_of(const char *text, fb_table_encoding *out) {
    *out = FB_TABLE_ENCODING_AUTO;
    if (!text || strcmp(text, "auto") == 0) return true;
    if (strcmp(text, "utf8") == 0 || strcmp(text, "utf-8") == 0) {
        *out = FB_TABLE_ENCODING_UTF8;
    } else if (strcmp(text, "gb18030") == 0 || strcmp(text, "gbk") == 0) {
        *out = FB_TABLE_ENCODING_GB18030;
    } else {
        fprintf(stderr, "finbridge: --encoding is auto, utf8 or gb18030 (gbk), not %s\n", text);
        return false;
    }
    return true;
}

/* --dry-run is a flag: taken out before the options with values are parsed. */
static int take_flag(int argc, char **argv, const char *flag, bool *set) {
    int k = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], flag) == 0) {
            *set = true;
        } else {
            argv[k++] = argv[i];
        }
    }
    return k;
}

/* --recover: a run stopped before it finished, the book put back as it was before it. */
static int recover_only(const cli_opts *o) {
    if (o->as_of || o->n_positional) {
        fprintf(stderr, "finbridge: import --recover takes only --db\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(o, 0);
    return book ? cli_import_unfinished(book, o, true) : CLI_ERROR;
}

int cmd_import(int argc, char **argv) {
    static fb_import_request q;
    memset(&q, 0, sizeof q);
    bool templates = false;
    argc = take_flag(argc, argv, "--templates", &templates);
    if (templates) { /* the templates as docs/import.md holds them */
        if (argc == 0 && fb_import_templates_markdown(stdout) == FB_OK) return 0;
        fprintf(stderr, "finbridge: import --templates takes nothing else\n");
        return CLI_ERROR;
    }
    argc = take_flag(argc, argv, "--dry-run", &q.dry_run);
    bool recover = false;
    argc = take_flag(argc, argv, "--recover", &recover);
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB | OPT_AS_OF, extra, usage, &o)) return CLI_ERROR;
    if (recover) return recover_only(&o);
    q.part_rows = FB_IMPORT_PART_ROWS;
    if (o.extra[X_PART_ROWS] &&
        !cli_int_option("--part-rows", o.extra[X_PART_ROWS], 0, FB_LOANS_MAX, &q.part_rows)) {
        return CLI_ERROR;
    }
    if (!o.as_of || !cli_date_option("--as-of", o.as_of, &q.as_of)) {
        if (!o.as_of) fprintf(stderr, "finbridge: import needs --as-of DATE\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    if (o.n_positional < 1 || o.n_positional > FB_IMPORT_FILES_MAX) {
        fprintf(stderr, "finbridge: import takes 1 to %d files\nusage: %s\n", FB_IMPORT_FILES_MAX,
                usage);
        return CLI_ERROR;
    }
    if (!encoding_of(o.extra[X_ENCODING], &q.encoding)) return CLI_ERROR;
    for (int i = 0; i < o.n_positional; i++)
        q.files[q.n_files++] = o.positional[i];
    q.rejects_dir = o.extra[X_REJECTS];
    static bar b; /* q (static: the report's audit describer reads it) points at it */
    b = (bar){isatty(STDERR_FILENO) != 0, {0, 0}, NULL};
    clock_gettime(CLOCK_MONOTONIC, &b.start);
    q.progress = show;
    q.ctx = &b;
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_import_unfinished(book, &o, false);
    if (rc >= 0) return rc;
    rc = q.dry_run ? cli_import_dry_copy(&book, o.db, &q.part_rows)
                   : cli_import_copy(book, o.db, false, &q.part_rows);
    if (rc) {
        fb_book_close(book);
        return CLI_ERROR;
    }
    static fb_import_report report;
    cli_audit_describe(describe, &report);
    rc = fb_import_files(book, &q, &report);
    cli_audit_describe(NULL, NULL);
    if (b.tty && b.file) fputc('\n', stderr);
    if (rc) {
        fprintf(stderr, "finbridge: import: %s\n",
                report.error[0] ? report.error : fb_book_errmsg(book));
    }
    fb_book_close(book);
    if (q.dry_run && q.part_rows) cli_import_dry_remove(o.db); /* its scratch copy */
    if (cli_import_settle(&o, &report, q.dry_run ? 0 : q.part_rows) || rc) return CLI_ERROR;
    cli_print_json(stdout, summary_line(&report, q.dry_run));
    if (report.refused) {
        fprintf(stderr, "finbridge: import refused, nothing written: %s\n",
                report.error[0] ? report.error : "rows were refused (see the rejects files)");
    }
    return report.refused ? CLI_FAILED : CLI_OK;
}
