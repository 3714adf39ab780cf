/* audit.h — the command line's audit of its writes, and the operations commands (audit, backup,
 * restore, users).
 *
 * main() starts the audit with the command line (cli_audit_start) and ends it with the exit
 * status (cli_audit_finish); cli_open of a book for writing attaches it (cli_audit_attach). From
 * then on every commit on the book appends an entry in its own transaction: the operating-system
 * user (os:<login>) as the actor, channel cli, the subcommand and its arguments (--db and secrets
 * left out), and what the commit did, as the command describes it (cli_audit_describe) or
 * "committed". A streaming create commits per batch, end of day per day: one entry each. A
 * command that commits nothing leaves one entry at the end (ok, or refused with the book's last
 * message); one that fails after it committed leaves a last entry saying it failed. */
#ifndef FB_CLI_AUDIT_H
#define FB_CLI_AUDIT_H

#include <stddef.h>

#include "finbridge/finbridge.h"

/* Records the command line (argv[0..argc): the subcommand and its arguments) and the user. */
void cli_audit_start(int argc, char **argv);
/* The command's actor (os:<login>), as the audit log and a loan's history name it. */
const char *cli_audit_actor(void);
/* Audits every commit of book (opened for writing at db) from now on. */
void cli_audit_attach(fb_book *book, const char *db);
/* Writes what the commit about to be made did into buf (cap bytes). */
typedef void cli_audit_describe_fn(void *ctx, char *buf, size_t cap);
/* Describes the next commits with fn(ctx) instead of "committed"; NULL goes back to that. */
void cli_audit_describe(cli_audit_describe_fn *fn, void *ctx);
/* Says that the command was refused for why before it could write the book at db: the last
 * entry, appended to that book, says so. */
void cli_audit_refused(const char *db, const char *why);
/* Appends the last entry when the command committed nothing or failed after committing, and
 * returns status. */
int cli_audit_finish(int status);

/* A count of results by name, for an entry's outcome: "98 created, 2 exceeds_credits". */
#define CLI_TALLY_NAMES 12
typedef struct cli_tally {
    char name[CLI_TALLY_NAMES][48]; /* copied: "" past the last */
    size_t count[CLI_TALLY_NAMES];
    size_t other; /* results past the names kept */
} cli_tally;
void cli_tally_add(cli_tally *t, const char *name);
void cli_tally_format(const cli_tally *t, char *buf, size_t cap);

int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif
