/* main.c — the finbridge command: dispatches to a subcommand. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"

static const char usage[] =
    "finbridge — the books of a bank-government credit cooperation\n"
    "\n"
    "usage: finbridge COMMAND [OPTIONS]\n"
    "\n"
    "  init --db PATH                          create a book (or migrate an older one)\n"
    "  accounts create --db PATH               create accounts: JSON Lines on stdin\n"
    "  accounts get --db PATH ID...            show accounts\n"
    "  accounts transfers --db PATH ID [--from T] [--to T] [--limit N] [--reverse]\n"
    "                                          [--debits] [--credits]\n"
    "  accounts balances --db PATH ID [--as-of T] [--from T] [--to T] [--limit N] [--reverse]\n"
    "  transfers create --db PATH              create transfers: JSON Lines on stdin\n"
    "  transfers get --db PATH ID...           show transfers\n"
    "  transfers expire --db PATH              expire pending transfers whose timeout passed\n"
    "  verify --db PATH [--audit-head FILE]    prove the books (and that the audit log still\n"
    "                                          holds a head kept before); exit 0 when all holds\n"
    "  schedule --principal YUAN --rate PERCENT --months N --method M --start DATE\n"
    "           [--repayment-day D] [--day-count act360|act365|actact] [--format table|json|csv]\n"
    "                                          the repayment calculator (no database)\n"
    "  parties create --db PATH                register parties: JSON Lines on stdin\n"
    "  parties get --db PATH ID...             show parties, with what is derived and why\n"
    "  parties credit-report --db PATH ID --debt M --overdue90 M --reference T [--date D]\n"
    "        a debtor's debts at all banks and of them >90 days overdue (征信)\n"
    "  facilities create --db PATH            approve credit facilities: JSON Lines on stdin\n"
    "  facilities get --db PATH ID...          show facilities: limit, available, drawn\n"
    "  loans create --db PATH                 draw loans under facilities: JSON Lines on stdin\n"
    "  loans get --db PATH ID...               show loans and what they owe\n"
    "  loans schedule --db PATH ID [--format table|json|csv]   a loan's stored schedule\n"
    "  loans repay --db PATH ID --amount X [--date D] [--prepay reduce_term|reduce_installment]\n"
    "              [--id R]                    book a repayment from the borrower's deposit\n"
    "  loans write-off --db PATH ID [--date D] [--id R]   write off a loss loan\n"
    "  loans recover --db PATH ID --amount X [--date D] [--id R]   book a recovery\n"
    "  loans extend --db PATH ID --months N [--difficulty K] [--reason T]   展期\n"
    "        [--consent-by GUARANTOR --consent-date D --consent-ref T]   a guarantor's consent\n"
    "  loans restructure --db PATH ID --months N --difficulty K --reason T [--rate P]\n"
    "        [--method M] [--capitalise]      new terms for a debtor in difficulty (重组)\n"
    "  loans renew --db PATH ID --months N [--refinancing] [--rate P] [--difficulty K]\n"
    "                                          无还本续贷, or 借新还旧 with --refinancing\n"
    "  loans classify --db PATH ID --class C --reason T [--resolved]   an officer's class\n"
    "  loans classes --db PATH ID              a loan's classes (who and why) and changes\n"
    "  green-catalogue load|list --db PATH [FILE]   绿色金融支持项目目录: load the official annex\n"
    "                                          (CSV: code, level, parent, name), or list it\n"
    "  eod --db PATH --date D [--quiet]        close the bank's days through D; it also pays\n"
    "                                          certificates at maturity\n";
static const char usage_more[] =
    "  certificates issue|transfer|finance --db PATH < events.jsonl   supply-chain certificates\n"
    "  certificates get --db PATH ID...        parts and their ranges of fen\n"
    "  certificates lineage --db PATH ID       the tree of every part of a root\n"
    "  certificates held-by --db PATH (PARTY | --bank)   what a holder holds\n"
    "  projects create --db PATH < projects.jsonl; projects get --db PATH ID...   major projects\n"
    "  agreements create --db PATH < agreements.jsonl; agreements get --db PATH ID...\n"
    "  agreements progress --db PATH ID --as-of D   progress on every target, from the books\n"
    "  report credit --db PATH --as-of D [--from D] [--by city,chain,line,size,class]\n"
    "         [--region C] [--format json|csv]  credit by dimension, from the running aggregates\n"
    "  report inclusive --db PATH --as-of D [--region C]   the \"two increases\" of inclusive\n"
    "                                          loans since the end of the year before\n"
    "  report moves --db PATH --from D --as-of D   the 5x5 migration matrix and its rates\n"
    "  report exposures --db PATH [--limit N]  the largest borrowers\n"
    "  report demands --db PATH --as-of D [--from D] [--by city,chain,line,size] [--region C]\n"
    "                                          financing demands: response and match rates,\n"
    "                                          working days to a decision and to a loan\n"
    "  demands post --db PATH < demands.jsonl; demands get|list --db PATH ...   financing\n"
    "                                          demands (融资需求), docs/demands.md\n"
    "  demands accept|contact|grant|decline|withdraw --db PATH ID [--officer N] [--note T]\n"
    "          [--facility F --amount X] [--reason R] [--text T] [--date D]   the bank's steps\n"
    "  pools create --db PATH < pools.jsonl; pools get|list --db PATH ...   risk-compensation\n"
    "                                          pools (风险补偿资金池), docs/schemes.md\n"
    "  pools fund --db PATH POOL --id F --amount X; pools cover|claim|share-back --db PATH POOL\n"
    "          --loan L                        the government's funding, the bank's acts\n"
    "  subsidies create --db PATH < schemes.jsonl; subsidies get --db PATH ID...   interest\n"
    "                                          subsidies (财政贴息), docs/schemes.md\n"
    "  subsidies list --db PATH [--after ID] [--limit N]   the schemes, their eligibility\n"
    "  subsidies enrol|claim|decide|pay --db PATH ID [--loan L] [--quarter yyyyq]\n"
    "          [--line N] [--approve true|false]   the bank's acts, the government's decisions\n"
    "  guarantees create --db PATH < guarantees.jsonl; guarantees get|claim --db PATH ID;\n"
    "          guarantees pay --db PATH ID --guarantor G   government financing guarantees\n"
    "  calendar load --db PATH < notices.jsonl; calendar get --db PATH YEAR...   the State\n"
    "                                          Council's holiday notices (2025, 2026 shipped)\n"
    "  report provisions|quality --db PATH [--as-of D] [--by line,city] [--region C]\n"
    "                                          provisions against their floors; the book by\n"
    "                                          class and overdue age (docs/accounts.md)\n"
    "  export --db PATH --as-of D KIND [--format csv|xlsx] [--region C] [--out FILE]\n"
    "         [--from D] [--by ...] [--agreement ID] [--limit N]   a CSV or XLSX file of\n"
    "                                          parties, facilities, loans, schedules,\n"
    "                                          certificates or a report (docs/export.md)\n"
    "  import --db PATH --as-of D [--dry-run] [--encoding auto|utf8|gb18030] [--rejects DIR]\n"
    "         FILE...                          bring a bank's book in at a cut-over, or its core\n"
    "                                          system's daily feed (docs/import.md)\n"
    "  reconcile --db PATH --as-of D FILE [--out FILE]   a core system's balances against the\n"
    "                                          book, loan by loan; exit 1 when they differ\n"
    "  facilities renew|limit|freeze|unfreeze|close --db PATH ID ...   a line's life\n";
static const char usage_rest[] =
    "  demo --db PATH [--enterprises N] [--years Y] [--seed S]   a synthetic Liaoning, lived\n"
    "                                          day by day (a new book)\n"
    "  serve --db PATH [--listen 127.0.0.1:8080]   the HTTP JSON API (docs/api.md)\n"
    "  users add --db PATH --name N --role R [--party P] [--region C]\n"
    "            [--password-stdin | --password-prompt]   a user of the API; prints its token "
    "once\n"
    "  users list --db PATH                    the users: role, enabled, token, password\n"
    "  users disable|enable|revoke|rotate --db PATH NAME   stop or let in a user; remove its\n"
    "                                          token; a new token, shown once\n"
    "  users passwd --db PATH NAME [--password-stdin]   set a password (asked on a terminal)\n"
    "  audit head --db PATH                    the audit log's head: the line an auditor keeps\n"
    "  audit list --db PATH [--from SEQ] [--limit N]   the audit log's entries\n"
    "  backup --db PATH --to FILE              an online, verified copy of the book\n"
    "  restore --from FILE --db PATH           verify a backup and put it in place of the book\n"
    "  copy --from PATH|URI --to PATH|URI      the ledger copied between backends (SQLite,\n"
    "                                          PostgreSQL) into an empty book, verified\n"
    "  settings --db PATH [--rate-ceiling P]   the rate ceiling (default 24%) and business date\n"
    "  lpr set --db PATH --date D --one-year P --five-year P   record a published LPR\n"
    "  lpr get --db PATH [--date D]            the LPR in effect on D, or all of them\n"
    "  uscc CODE...                            check unified social credit codes, and explain\n"
    "  version                                 print the version and schema version\n"
    "\n"
    "T is a timestamp in nanoseconds or a date YYYY-MM-DD. Amounts are strings of yuan.\n"
    "Docs: README.md and docs/ in the source tree.\n";

static int dispatch(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        fputs(usage_more, argc < 2 ? stderr : stdout);
        fputs(usage_rest, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_ERROR : CLI_OK;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "init") == 0) return cmd_init(argc - 2, argv + 2);
    if (strcmp(cmd, "accounts") == 0) return cmd_accounts(argc - 2, argv + 2);
    if (strcmp(cmd, "transfers") == 0) return cmd_transfers(argc - 2, argv + 2);
    if (strcmp(cmd, "verify") == 0) return cmd_verify(argc - 2, argv + 2);
    if (strcmp(cmd, "schedule") == 0) return cmd_schedule(argc - 2, argv + 2);
    if (strcmp(cmd, "uscc") == 0) return cmd_uscc(argc - 2, argv + 2);
    if (strcmp(cmd, "parties") == 0) return cmd_parties(argc - 2, argv + 2);
    if (strcmp(cmd, "facilities") == 0) return cmd_facilities(argc - 2, argv + 2);
    if (strcmp(cmd, "lpr") == 0) return cmd_lpr(argc - 2, argv + 2);
    if (strcmp(cmd, "loans") == 0) return cmd_loans(argc - 2, argv + 2);
    if (strcmp(cmd, "eod") == 0) return cmd_eod(argc - 2, argv + 2);
    if (strcmp(cmd, "settings") == 0) return cmd_settings(argc - 2, argv + 2);
    if (strcmp(cmd, "certificates") == 0) return cmd_certificates(argc - 2, argv + 2);
    if (strcmp(cmd, "serve") == 0) return cmd_serve(argc - 2, argv + 2);
    if (strcmp(cmd, "users") == 0) return cmd_users(argc - 2, argv + 2);
    if (strcmp(cmd, "projects") == 0) return cmd_projects(argc - 2, argv + 2);
    if (strcmp(cmd, "agreements") == 0) return cmd_agreements(argc - 2, argv + 2);
    if (strcmp(cmd, "report") == 0 && argc > 2 && strcmp(argv[2], "demands") == 0) {
        return cmd_report_demands(argc - 3, argv + 3);
    }
    if (strcmp(cmd, "report") == 0) return cmd_report(argc - 2, argv + 2);
    if (strcmp(cmd, "demands") == 0) return cmd_demands(argc - 2, argv + 2);
    if (strcmp(cmd, "pools") == 0) return cmd_pools(argc - 2, argv + 2);
    if (strcmp(cmd, "subsidies") == 0) return cmd_subsidies(argc - 2, argv + 2);
    if (strcmp(cmd, "guarantees") == 0) return cmd_guarantees(argc - 2, argv + 2);
    if (strcmp(cmd, "calendar") == 0) return cmd_calendar(argc - 2, argv + 2);
    if (strcmp(cmd, "demo") == 0) return cmd_demo(argc - 2, argv + 2);
    if (strcmp(cmd, "export") == 0) return cmd_export(argc - 2, argv + 2);
    if (strcmp(cmd, "import") == 0) return cmd_import(argc - 2, argv + 2);
    if (strcmp(cmd, "reconcile") == 0) return cmd_reconcile(argc - 2, argv + 2);
    if (strcmp(cmd, "openapi") == 0) return cmd_openapi(argc - 2, argv + 2);
    if (strcmp(cmd, "audit") == 0) return cmd_audit(argc - 2, argv + 2);
    if (strcmp(cmd, "green-catalogue") == 0) return cmd_green_catalogue(argc - 2, argv + 2);
    if (strcmp(cmd, "backup") == 0) return cmd_backup(argc - 2, argv + 2);
    if (strcmp(cmd, "restore") == 0) return cmd_restore(argc - 2, argv + 2);
    if (strcmp(cmd, "copy") == 0) return cmd_copy(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("finbridge 0.1.0 (schema version %d)\n", fb_schema_version_current());
        return CLI_OK;
    }
    fprintf(stderr, "finbridge: unknown command '%s'\n\n%s%s%s", cmd, usage, usage_more,
            usage_rest);
    return CLI_ERROR;
}

/* Every write a command makes is audited (audit.h): the command line is recorded first, and
 * the last entry written when the command's exit status is known. The results go to stdout,
 * unchecked at each print: a write that failed (a full disk, say) shows here, and the command
 * fails rather than succeed with its results lost. */
int main(int argc, char **argv) {
    cli_audit_start(argc - 1, argv + 1);
    int status = dispatch(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "finbridge: writing the output: %s\n", FB_ERRNO_TEXT(errno));
        status = CLI_ERROR;
    }
    return cli_audit_finish(status);
}
