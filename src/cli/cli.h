/* cli.h — what the finbridge command's subcommands share: options, output, opening the book. */
#ifndef FB_CLI_H
#define FB_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "finbridge/finbridge.h"
#include "wire/view_json.h"

/* Exit codes: 0 all done; 1 some event or check failed; 2 usage or the program could not run. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_ERROR = 2 };

#define CLI_POSITIONAL_MAX 1024
#define CLI_EXTRA_MAX 16

/* Parsed options. Each subcommand says which it takes; the rest are refused. */
typedef struct {
    const char *db;
    const char *from;
    const char *to;
    const char *as_of;
    const char *limit;
    bool reverse;
    bool debits;
    bool credits;
    const char *positional[CLI_POSITIONAL_MAX];
    int n_positional;
    /* Options with a value that one subcommand declares (cli_parse_extra); NULL when absent. */
    const char *const *extra_names;
    const char *extra[CLI_EXTRA_MAX];
} cli_opts;

/* Option bits for cli_parse. */
enum {
    OPT_DB = 1u << 0,
    OPT_RANGE = 1u << 1, /* --from --to --limit --reverse */
    OPT_AS_OF = 1u << 2,
    OPT_SIDES = 1u << 3, /* --debits --credits */
};

/* Parses argv[0..argc) against the allowed options; prints the problem and returns false on a
 * bad one. --db is required when allowed. */
bool cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o);
/* The same, also taking the options named in extra (a NULL-terminated list such as
 * {"--date", "--amount", NULL}), each with a value, into o->extra[i]. */
bool cli_parse_extra(int argc, char **argv, unsigned allowed, const char *const *extra,
                     const char *usage, cli_opts *o);
/* Opens the book named by --db, printing why on failure. */
fb_book *cli_open(const cli_opts *o, unsigned open_flags);
/* Writes v as one compact JSON line on out, and releases it. */
void cli_print_json(FILE *out, json_t *v);
/* Options read strictly, as the API reads its query (wire/query.c): each prints why a value is
 * refused, naming the option, and returns false (the command then exits 2).
 * A timestamp: decimal nanoseconds, or a date YYYY-MM-DD (its first nanosecond, or its last
 * when end_of_day). */
bool cli_timestamp(const char *name, const char *text, bool end_of_day, int64_t *out);
/* A whole number from min to max. */
bool cli_int_option(const char *name, const char *text, int64_t min, int64_t max, int64_t *out);
/* A date YYYY-MM-DD. */
bool cli_date_option(const char *name, const char *text, int32_t *out);
/* Builds the query of --from --to --limit --reverse --debits --credits. */
bool cli_query(const cli_opts *o, fb_query *q);
/* A --from, --to or --as-of of the ledger's queries: a date (a value date) or a timestamp. */
bool cli_when(const char *name, const char *text, bool end, int64_t *ns, int32_t *date);

int cmd_init(int argc, char **argv);
int cmd_accounts(int argc, char **argv);
int cmd_transfers(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_uscc(int argc, char **argv);
int cmd_parties(int argc, char **argv);
int cmd_facilities(int argc, char **argv);
int cmd_lpr(int argc, char **argv);
int cmd_loans(int argc, char **argv);
int cmd_eod(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_certificates(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_users(int argc, char **argv);
int cmd_projects(int argc, char **argv);
int cmd_agreements(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_reconcile(int argc, char **argv);
int cmd_openapi(int argc, char **argv);
int cmd_demands(int argc, char **argv);
int cmd_pools(int argc, char **argv);
int cmd_subsidies(int argc, char **argv);
int cmd_guarantees(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_report_demands(int argc, char **argv);

/* The regulator's side (cmd_quality.c): `report moves|provisions|quality` (o as cmd_report parses
 * it: --as-of, --from, --by, --region), the loans' changes of terms and classification, the green
 * catalogue. A --region value: 210000 or one of its cities (false: said on stderr). */
bool cli_region_arg(const char *text, int32_t *region);
int cli_report_moves(fb_book *book, const cli_opts *o);
int cli_report_provisions(fb_book *book, const cli_opts *o);
int cli_report_quality(fb_book *book, const cli_opts *o);
/* `loans extend|restructure|renew|classify|classes`: CLI_ERROR for another sub (*handled false). */
int cli_loans_terms(const char *sub, int argc, char **argv, bool *handled);
int cmd_green_catalogue(int argc, char **argv);

/* Prints a schedule as "table", "json" (installments[], total_interest, total_payment) or
 * "csv". */
bool cli_schedule_format_ok(const char *format);
void cli_print_schedule(const char *format, const fb_installment *s, size_t n);

/* Reads one line (without its newline) into buf, keeping at most cap - 1 bytes and a NUL. Returns
 * its length; -1 at the end of input; -2 when reading failed (said on stderr). Every byte is
 * accounted for: a line that is too long (consumed to its end), holds a NUL byte or is not UTF-8
 * gets the reason in fault (fault_cap bytes), "" otherwise. */
#define CLI_FAULT_MAX 96
long cli_read_line(FILE *in, char *buf, size_t cap, char *fault, size_t fault_cap);
/* The end of cli_read_line, shared with the chunked reader (cli/lines.h): ends buf[0..n) (n <
 * cap) with a NUL and sets fault for a line that was over-long (over), holds a NUL byte or is not
 * UTF-8. Returns n. */
long cli_line_checked(char *buf, size_t n, bool over, size_t cap, char *fault, size_t fault_cap);
/* True when s[0..n) holds only spaces, tabs and carriage returns. */
bool cli_blank(const char *s, size_t n);

/* A kind of book record that `create` commands stream in. */
typedef struct cli_record_kind {
    size_t record_size;
    size_t outcome_size;
    /* Decodes and checks one line into record; on failure fills err. Copies the id it read. */
    int (*decode)(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap);
    /* Writes n records in one transaction, one outcome each. */
    int (*submit)(fb_book *book, void *records, size_t n, void *outcomes);
    /* The result line, as the API answers it (view_json.h). */
    fb_json_result_fn *result;
} cli_record_kind;
int cli_create_records(fb_book *book, const cli_record_kind *kind, FILE *in, FILE *out);

/* `NOUN get --db PATH ID...`: prints fetch()'s JSON for each id, one line each; an id it cannot
 * find is named on stderr ("no NOUN ID") and makes the exit status 1. fetch returns FB_OK with
 * *out set, or FB_ENOTFOUND, or another error. */
typedef int cli_fetch_fn(fb_book *book, const char *id, json_t **out);
int cli_get_each(int argc, char **argv, const char *noun, cli_fetch_fn *fetch);
/* The same for records of the rooms a server backend holds (FB_OPEN_PARTIES ...: book.h). */
int cli_get_each_in(int argc, char **argv, const char *noun, cli_fetch_fn *fetch, unsigned rooms);

/* `NOUN list --db PATH [--after ID] [--limit N]`: one page of records in id order, as the API's
 * list answers it, one JSON line each. page reads up to cap rows of row_size bytes after the id
 * (NULL: from the first) into rows; encode makes one row's JSON. */
typedef int cli_page_fn(fb_book *book, const char *after, void *rows, size_t cap, size_t *n);
typedef json_t *cli_encode_fn(const void *row);
int cli_list_pages(int argc, char **argv, const char *noun, size_t row_size, cli_page_fn *page,
                   cli_encode_fn *encode);

/* Streams JSON Lines events from in to the ledger in batches, printing a result line each. */
enum { EVENTS_ACCOUNTS, EVENTS_TRANSFERS };
int cli_create_events(fb_ledger *l, int kind, FILE *in, FILE *out);

#endif
