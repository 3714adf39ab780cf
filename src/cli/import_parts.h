/* import_parts.h — a cut-over written in committed parts, on the command line (import_parts.c;
 * docs/import.md, "A large book"). */
#ifndef FB_CLI_IMPORT_PARTS_H
#define FB_CLI_IMPORT_PARTS_H

#include "cli/cli.h"
#include "wire/import.h"

/* Where the copy of the book before a run in parts is kept: db + ".before-import". */
void cli_import_before_path(const char *db, char *out, size_t cap);
/* Whether book holds a run stopped before it finished: -1 when not (and not recover), else the
 * exit status, the book closed: a refusal that says how to recover, or with recover the book
 * put back from its copy (the half-written book kept beside it). */
int cli_import_unfinished(fb_book *book, const cli_opts *o, bool recover);
/* Before a run: a cut-over not dry is written in parts of *part_rows rows, and the book as it
 * was is copied (and verified) first; otherwise *part_rows becomes 0 (one unit of work). */
int cli_import_copy(fb_book *book, const char *db, bool dry_run, int64_t *part_rows);
/* Before a dry run: a cut-over's is run in parts (its WAL and memory a part's, as a real run's)
 * on a scratch copy of the book (db + ".dry-run"), which *book then is, the book closed; the
 * copy is thrown away after (cli_import_dry_remove). Otherwise *part_rows becomes 0 (one unit
 * of work, rolled back) and *book stays. */
int cli_import_dry_copy(fb_book **book, const char *db, int64_t *part_rows);
void cli_import_dry_remove(const char *db);
/* After a run in parts, its book closed: the copy removed when the run committed or wrote no
 * part; otherwise the book put back from it. */
int cli_import_settle(const cli_opts *o, const fb_import_report *r, int64_t part_rows);

#endif
