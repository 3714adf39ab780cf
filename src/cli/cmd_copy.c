/* cmd_copy.c — `finbridge copy --from SRC --to DST`: a book's ledger copied between backends
 * (SQLite to PostgreSQL and back, fb_ledger_copy), all or nothing, verified after. Prints what it
 * copied and how long it took as one JSON line; verify's lines and any difference on stdout. */
#include <string.h>

#include "cli/cli.h"

static void print_line(void *ctx, const char *line) { fprintf((FILE *)ctx, "%s\n", line); }

int cmd_copy(int argc, char **argv) {
    static const char *const extra[] = {"--from", "--to", NULL};
    static const char usage[] = "finbridge copy --from PATH|URI --to PATH|URI";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, 0, extra, usage, &o)) return CLI_ERROR;
    if (o.n_positional || !o.extra[0] || !o.extra[1]) {
        fprintf(stderr,
                "finbridge: copy takes --from and --to, each a path or a postgresql://"
                " URI, and nothing else\nusage: %s\n",
                usage);
        return CLI_ERROR;
    }
    fb_copy_stats st;
    char err[768];
    int rc = fb_ledger_copy(o.extra[0], o.extra[1], print_line, stdout, &st, err, sizeof err);
    if (rc) {
        fprintf(stderr, "finbridge: copy: %s: %s\n", fb_err_name(rc), err);
        return CLI_ERROR;
    }
    long long rate = st.write_ns > 0 ? (long long)(st.transfers * 1000000000 / st.write_ns) : 0;
    printf("{\"copied\":{\"accounts\":%lld,\"transfers\":%lld,\"pending_resolved\":%lld,"
           "\"balances\":%lld,\"failed_ids\":%lld,\"records\":%lld},\"write_ms\":%lld,"
           "\"check_ms\":%lld,"
           "\"transfers_per_s\":%lld,\"verify_failures\":%llu,\"differences\":%llu}\n",
           (long long)st.accounts, (long long)st.transfers, (long long)st.pending_resolved,
           (long long)st.balances, (long long)st.failed_ids, (long long)st.records,
           (long long)(st.write_ns / 1000000), (long long)(st.check_ns / 1000000), rate,
           (unsigned long long)st.verify_failures, (unsigned long long)st.mismatches);
    return st.verify_failures + st.mismatches ? CLI_FAILED : CLI_OK;
}
