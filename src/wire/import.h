/* import.h — the files of an import and of a reconciliation (docs/import.md): CSV and XLSX
 * tables read by their templates (a kind of record each, its columns in Chinese or English),
 * every cell decoded exactly (amounts from their text, never through a binary float), the rows
 * handed to the book's import (finbridge/import.h) in batches, the rows it refuses written back
 * to a file of the same format with the reason, and the control totals checked. The command
 * line's `finbridge import` and `finbridge reconcile` call these. */
#ifndef FB_WIRE_IMPORT_H
#define FB_WIRE_IMPORT_H

#include <stdio.h>

#include "finbridge/finbridge.h"
#include "wire/table_reader.h"

/* The templates (import_columns.c), in the order a run reads their files: what a record needs
 * comes before it (parties before their facilities, schedules before their loans). */
typedef enum fb_import_kind {
    FB_IMPORT_CONTROL = 0, /* 控制总数: the count and totals of each other file */
    FB_IMPORT_PARTIES,
    FB_IMPORT_FACILITIES,
    FB_IMPORT_SCHEDULES,
    FB_IMPORT_LOANS,
    FB_IMPORT_CERTIFICATES,
    FB_IMPORT_WEALTH,
    FB_IMPORT_REPAYMENTS,
    FB_IMPORT_CLASSES,
    FB_IMPORT_WRITE_OFFS,
    FB_IMPORT_BALANCES, /* 核心系统余额: what `finbridge reconcile` reads */
    FB_IMPORT_KIND_COUNT_
} fb_import_kind;

/* A template's name ("loans") and its Chinese title ("贷款明细"). */
const char *fb_import_kind_name(fb_import_kind k);
const char *fb_import_kind_title(fb_import_kind k);

/* A file's path as the report keeps it. */
#define FB_IMPORT_PATH_MAX 1024
/* The most files one run reads. */
#define FB_IMPORT_FILES_MAX 64
/* The most rows a batch's rejected rows keep of their text for the rejects file, in bytes: a
 * batch ends early when its rows would take more. */
#define FB_IMPORT_BATCH_TEXT_MAX ((size_t)16 * 1024 * 1024)

typedef void fb_import_progress_fn(void *ctx, const char *file, uint64_t rows, uint64_t done,
                                   uint64_t total);

typedef struct fb_import_request {
    int32_t as_of;
    const char *files[FB_IMPORT_FILES_MAX];
    size_t n_files;
    fb_table_encoding encoding;      /* CSV: auto, or named with --encoding */
    bool dry_run;                    /* check and report, write nothing */
    const char *rejects_dir;         /* where rejected rows go; NULL: beside each file */
    fb_import_progress_fn *progress; /* may be NULL; called every few thousand rows */
    void *ctx;
    /* A cut-over in committed parts of so many rows (fb_import_begin_parts; 0: one unit of work).
     * The caller keeps a copy of the book as it was and puts it back when report->parts and the
     * run did not commit. With dry_run, the parts are committed too (a dry run in parts is run
     * on a scratch copy of the book, which the caller throws away) and the last rolled back. */
    int64_t part_rows;
} fb_import_request;

/* What one file was and what became of its rows. */
typedef struct fb_import_file {
    char path[FB_IMPORT_PATH_MAX];
    fb_import_kind kind;
    fb_table_kind format;
    uint64_t rows, created, exists, rejected;
    int64_t amount_fen, overdue_fen;  /* the control totals read: see docs/import.md */
    char rejects[FB_IMPORT_PATH_MAX]; /* the rejected rows' file, "" when none */
} fb_import_file;

typedef struct fb_import_report {
    fb_import_summary summary;
    size_t n_files;
    fb_import_file files[FB_IMPORT_FILES_MAX];
    bool refused;     /* nothing written: rows refused, totals that do not match, a bad file */
    char error[1024]; /* why, when the run as a whole was refused ("" otherwise) */
    int64_t parts;    /* parts committed before the end (q->part_rows): then a refused run's
                         parts are in the book, behind the mark, until it is put back */
} fb_import_report;

/* Reads every file of q into one run on the book: FB_OK when the run ran to its end (committed,
 * or refused with report->refused: rows refused, the controls or a check across rows failed),
 * or an error (a file that cannot be read, the store) with report->error. */
int fb_import_files(fb_book *book, const fb_import_request *q, fb_import_report *report);

/* Writes every template (its columns' headers, whether required, how read) as markdown, as
 * docs/import.md holds it ("The templates"): `finbridge import --templates`. */
int fb_import_templates_markdown(FILE *out);

/* ---- Reconciliation -------------------------------------------------------------------------- */

/* What differs between the core system's balances and the book, loan by loan. */
typedef enum fb_reconcile_difference {
    FB_RECONCILE_MISSING = 0, /* in the file, not in the book */
    FB_RECONCILE_EXTRA,       /* an active loan of the book the file does not have */
    FB_RECONCILE_PRINCIPAL,
    FB_RECONCILE_OVERDUE, /* principal or interest overdue */
    FB_RECONCILE_CLASS,
    FB_RECONCILE_COUNT_
} fb_reconcile_difference;
const char *fb_reconcile_difference_name(fb_reconcile_difference d);

typedef struct fb_reconcile_request {
    int32_t as_of;
    const char *file;
    fb_table_encoding encoding;
    const char *out; /* the differences' file (CSV or XLSX by its name) */
} fb_reconcile_request;

typedef struct fb_reconcile_report {
    uint64_t rows;    /* loans in the file */
    uint64_t matched; /* loans that agree */
    uint64_t count[FB_RECONCILE_COUNT_];
    int64_t file_principal_fen, book_principal_fen;
    int64_t file_overdue_fen, book_overdue_fen;
    char error[1024];
} fb_reconcile_report;

/* Compares the file with the book on as_of (the business date) and writes every difference to
 * q->out with the totals under it. FB_OK when it ran (differences or not), else an error with
 * report->error. */
int fb_reconcile_file(fb_book *book, const fb_reconcile_request *q, fb_reconcile_report *report);

#endif
