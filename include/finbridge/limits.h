/* limits.h — every bound finbridge puts on its inputs and its work, with the reason for each.
 *
 * A limit is part of the contract: input beyond one is rejected with an error naming it, never
 * truncated. Raising one is a reviewed change; the reason next to it says what it protects. */
#ifndef FINBRIDGE_LIMITS_H
#define FINBRIDGE_LIMITS_H

/* An id is 1..64 characters from A-Z a-z 0-9 . _ : -. Long enough for a composite business key
 * ("loan:2025:SY:000123:principal"), short enough to keep the id indexes compact. */
#define FB_ID_MAX 64

/* user_data is an opaque tag of at most 128 bytes: a reference to a business record, not a
 * document store. */
#define FB_USER_DATA_MAX 128

/* Events in one batch, as in TigerBeetle's message size (8,189 transfers of 128 bytes fit one
 * 1 MiB message). One batch is one database transaction, so this bounds a transaction's size and
 * the memory a batch needs (about 3 MiB of events and results). */
#define FB_BATCH_MAX 8189

/* One JSON Lines input line. An event is under 1 KiB; 64 KiB leaves room for whitespace while
 * keeping a malicious line from growing a buffer without end. */
#define FB_LINE_MAX (64 * 1024)

/* The name of a field in an error ("[12].debit_account_id"): every field finbridge defines is under
 * 40 bytes; a longer unknown key is cut at a character boundary, enough to recognise it. */
#define FB_FIELD_NAME_MAX 95

/* JSON nesting accepted on input. Events are flat objects with one array (flags). */
#define FB_JSON_DEPTH_MAX 8

/* Flags named in one event's flags array (there are eight transfer flags). */
#define FB_FLAGS_MAX 16

/* ---- Tables read from files: CSV and XLSX (src/wire/table_reader.h) ----------------------
 * A reader streams: what it holds is bounded by these, never by the file's size. */

/* One cell's text, in bytes of UTF-8: Excel keeps at most 32,767 characters (UTF-16 units) in a
 * cell, and a unit takes at most three bytes in UTF-8 (a pair of units, four). */
#define FB_TABLE_CELL_MAX ((size_t)3 * 32767)

/* Cells in one row: Excel's 16,384 columns, A to XFD. A cell reference past XFD is malformed. */
#define FB_TABLE_CELLS_MAX 16384

/* One row's text, all its cells together, in bytes: a row of an import template has a few dozen
 * cells of tens of bytes; 1 MiB is a thousand times that and sizes the row buffer at open. */
#define FB_TABLE_ROW_MAX ((size_t)1024 * 1024)

/* Rows of a CSV file: ten times the largest book an import is sized for (1,000,000 loans), so
 * that a runaway or wrong file ends with a message rather than hours of work. */
#define FB_CSV_ROWS_MAX 10000000

/* Rows of a worksheet: Excel's 1,048,576; a reference to a row past it is malformed. */
#define FB_XLSX_ROWS_MAX 1048576

/* Entries in the zip of a workbook, and the size of its central directory, checked before libzip
 * reads the directory into memory: a workbook has a few parts per sheet; ten thousand entries and
 * 16 MiB are hundreds of sheets. */
#define FB_ZIP_ENTRIES_MAX 10000
#define FB_ZIP_DIRECTORY_MAX ((size_t)16 * 1024 * 1024)

/* A worksheet's or the shared strings' XML, uncompressed, declared and as inflated: 1,048,576
 * rows of 40 cells as Excel writes them come to about 1.7 GB. The part is streamed, so this bounds
 * time and not memory: it is the zip bomb's absolute cap. */
#define FB_XLSX_SHEET_BYTES_MAX (2LL * 1024 * 1024 * 1024)

/* Every other part read (workbook, relationships, styles), uncompressed: kilobytes in practice. */
#define FB_XLSX_PART_BYTES_MAX ((size_t)16 * 1024 * 1024)

/* The most a part may inflate per compressed byte, checked on the declared sizes and again on the
 * bytes inflated, once a part passes FB_XLSX_RATIO_GRACE: sheet XML deflates 10 to 30 times,
 * deflate itself reaches 1,032; Apache POI refuses the same ratio (ZipSecureFile, 0.01). */
#define FB_XLSX_RATIO_MAX 100
#define FB_XLSX_RATIO_GRACE ((size_t)1024 * 1024)

/* Shared strings kept, and their text in bytes: a sheet refers to them by index in any order, so
 * they are held for the whole read. Four million strings and 128 MiB hold a full sheet with three
 * distinct texts of 40 bytes in each row (ids, names); with their offsets, at most 144 MiB. */
#define FB_XLSX_SHARED_STRINGS_MAX ((size_t)4 * 1024 * 1024)
#define FB_XLSX_SHARED_BYTES_MAX ((size_t)128 * 1024 * 1024)

/* Cell formats (cellXfs) and number formats a workbook's styles may declare: Excel's own limit is
 * 64,000 cell formats. */
#define FB_XLSX_STYLES_MAX 65536

/* A part's name in the zip, or a relationship's target: OOXML names are tens of bytes. */
#define FB_XLSX_PATH_MAX 512

/* XML element nesting: a sheet's deepest path (worksheet/sheetData/row/c/is/r/t) is 7. */
#define FB_XML_DEPTH_MAX 32

/* Bytes of XML read without a single element, text or other token completing: expat holds an
 * unfinished token (a tag with its attributes, a comment) whole in memory, so this bounds it. */
#define FB_XML_TOKEN_MAX ((size_t)1024 * 1024)

/* A pending transfer's timeout: at most one year. Reservations are short-lived; a longer hold is a
 * facility, not a pending transfer. Also keeps timestamp + timeout far from int64 overflow. */
#define FB_TIMEOUT_MAX_S (366u * 24u * 3600u)

/* Rows one query of an account's transfers or balance history returns. A caller pages on. */
#define FB_QUERY_LIMIT_MAX 8189

/* Pending transfers expired in one pass; the rest wait for the next batch. Bounds the work a
 * single write does before its own events. */
#define FB_EXPIRE_MAX 8189

/* Failures verify reports before it stops listing (it still counts all of them). */
#define FB_VERIFY_REPORT_MAX 1000

/* Milliseconds a writer waits for another process's transaction before giving up with
 * FB_EBUSY. */
#define FB_BUSY_TIMEOUT_MS 10000

/* A loan's term: 40 years covers the longest mortgage a Chinese bank writes (30 years) with room.
 * Also bounds a schedule's size and keeps (1 + r)^n within the exact arithmetic of schedule.c. */
#define FB_LOAN_MONTHS_MAX 480

/* Prepayments out of a loan's schedule (reduce_term, reduce_installment): one in every month of
 * the longest term. A schedule's balances read every one of them, so a loan that has this many
 * refuses the next (too_many_prepayments); a payoff, which ends the schedule, is not counted. */
#define FB_LOAN_PREPAYMENTS_MAX 480
_Static_assert(FB_LOAN_PREPAYMENTS_MAX >= FB_LOAN_MONTHS_MAX,
               "a borrower may prepay in every month of the longest term");

/* The highest rate the schedule accepts, per annum in millionths (24%). Chinese courts do not
 * protect private lending above four times the one-year LPR; a bank's loans sit far below.
 * The loan book makes its own ceiling a setting (default 24%) no higher than this. */
#define FB_RATE_MAX_E6 240000

/* The largest principal of one loan: ten trillion yuan, far above any facility, far below what
 * the interest products can hold. */
#define FB_PRINCIPAL_MAX_FEN 1000000000000000LL

/* Days one end of day may close, whatever its setting: a hundred years. A longer catch-up is
 * several runs; the setting eod_max_days (default 31) is the everyday bound. */
#define FB_EOD_DAYS_MAX 36600

/* A party's id: its deposit account is "dep:" + id, which must fit an account id (64). */
#define FB_PARTY_ID_MAX 60

/* A party's registered name, in bytes of UTF-8: the longest Chinese company names run to about
 * 60 characters (180 bytes). */
#define FB_NAME_MAX 240

/* A loan's purpose (贷款用途) and a change's reason, in bytes of UTF-8: a sentence of eighty
 * Chinese characters. */
#define FB_PURPOSE_MAX 240
#define FB_REASON_MAX 240

/* An account number at another bank (an entrusted payment's payee): China's bank account numbers
 * run to 19 to 25 digits; 40 leaves room for a foreign one. */
#define FB_PAYEE_ACCOUNT_MAX 40

/* A facility's id: its ledger accounts are "fac:" + id + ":available", which must fit 64. */
#define FB_FACILITY_ID_MAX 48

/* A loan's id: its ledger accounts are "loan:" + id + ":principal", which must fit 64. */
#define FB_LOAN_ID_MAX 48
/* A certificate part's id: at most 48, for the same reason ("csp:" + id fits 64). */
#define FB_CERT_ID_MAX 48
/* A certificate's contract and invoice references. */
#define FB_CERT_REF_MAX 64
/* The longest term of a certificate, in months (银发〔2025〕77号); past FB_CERT_WARN_MONTHS
 * the book warns. */
#define FB_CERT_TERM_MAX_MONTHS 12
#define FB_CERT_WARN_MONTHS 6

/* An officer's reason for a class or a change of terms, in bytes of UTF-8: a sentence or two of
 * a credit file's note (80 Chinese characters). */
#define FB_NOTE_MAX 240

/* Who did something to a loan, as its history keeps it: a user's name (64), the command line's
 * "os:" and login, or "end_of_day". */
#define FB_ACTOR_MAX 72

/* Changes of a loan's terms (extensions, restructurings, renewals): more than a loan's life can
 * hold of credit decisions; the next one is refused (too_many_changes). */
#define FB_LOAN_CHANGES_MAX 100

/* Entries of a loan's class history one read returns: a class that moved every month of the
 * longest term, both ways, is 960; a longer history is read in part, the latest kept. */
#define FB_CLASS_HISTORY_MAX 4096

/* Rows of the green catalogue a book holds: the 2025 catalogue has 9, 38 and 271 of its three
 * levels; ten times that leaves room for a later edition, and bounds a load. */
#define FB_GREEN_ITEMS_MAX 4000

/* Parties in one create call: one transaction, like a batch of events. */
#define FB_PARTY_BATCH_MAX 1000
/* The receivers a holder finds by name at once (GET /v1/parties/{id}/receivers): a list to
 * pick from on a phone, never a way to page through the book's parties. */
#define FB_RECEIVERS_MAX 20
/* The shortest text a name search takes, in characters: one character of Chinese matches
 * thousands of names; two narrow it to what a holder means. */
#define FB_RECEIVER_QUERY_MIN 2

/* Rows an import hands the book at once (finbridge import reads files in batches of it): a
 * loan's batch opens three accounts each, within one ledger batch. */
#define FB_IMPORT_BATCH_MAX 1000
_Static_assert(3 * FB_IMPORT_BATCH_MAX <= FB_BATCH_MAX,
               "a batch's loan accounts fit a ledger batch");

/* A source system's id of a feed's row (a repayment's, a classification change's): its transfer
 * and repayment ids are built from it with a prefix of four characters, within 64. */
#define FB_SOURCE_ID_MAX 60

/* Ids in one page of a long read (fb_page): a thousand ids are 65 KiB in flight, and the page's
 * query, one range scan of an index, is a negligible share of the reads it feeds. */
#define FB_PAGE_MAX 1000

/* The largest amount an XLSX export writes as a number cell: fifteen significant digits (ten
 * trillion yuan less a fen), which a spreadsheet keeps and shows exactly (Excel holds 15 digits;
 * the proof for the double in between is in src/wire/xlsx_writer.c). A larger amount is written
 * as text, exactly, with a note under the table. Every single loan fits (FB_PRINCIPAL_MAX_FEN). */
#define FB_XLSX_MONEY_MAX_FEN 999999999999999LL

/* Rows one export over the API writes: one XLSX sheet's worth (1,048,576 less the title and the
 * header). The export runs on a request thread and is written to a temporary file before it is
 * sent; a longer one (a large book's schedules) is the command line's: finbridge export. */
#define FB_EXPORT_API_ROWS_MAX 1048574

/* Accounts a book holds: a posting key keeps 24 bits for the account (store/schema.c). Sixteen
 * million accounts is over ten for each loan of a one-million-loan book. */
#define FB_ACCOUNTS_MAX ((1 << 24) - 1)

/* Loans a book holds: each opens three accounts (principal, interest, penalty). Bounds the active
 * loans end of day holds in memory (about 280 bytes each). */
#define FB_LOANS_MAX (FB_ACCOUNTS_MAX / 3)
_Static_assert(3LL * FB_LOANS_MAX <= FB_ACCOUNTS_MAX, "every loan's three accounts fit the book");

/* Transfers a book holds: a posting key keeps 23 bits for the run and 16 within it (2^39, over
 * five hundred billion). */
#define FB_TRANSFERS_MAX ((1LL << 39) - 1)

/* Transfers whose balances the ledger writes behind: a batch of single-phase transfers writes its
 * transfers but not its accounts' rows, and once this many are behind, one pass writes them all in
 * key order (docs/ledger.md, "Balances written behind"). Random accounts dirty most pages of the
 * accounts table in every batch; written every 32 batches, each page is written once for 32 of
 * them. A read adds what is behind from the postings of at most five runs. */
#define FB_BALANCES_BEHIND_MAX (4 << 16)
_Static_assert(FB_BALANCES_BEHIND_MAX >= FB_BATCH_MAX, "a batch fits behind");

/* The largest file of the dashboard the server keeps in memory (ECharts, the largest, is about
 * 1 MiB); a larger one in the web folder is not served. */
#define FB_WEB_FILE_MAX ((size_t)16 * 1024 * 1024)

/* Rows a report reads from the running aggregates at most: one per cell (a city or district,
 * chain, line, size class and loan class), which a province's book holds far fewer of; past it a
 * read fails with FB_ELIMIT rather than grow without end. */
#define FB_REPORT_ROWS_MAX (1 << 20)
/* Parts of certificates a read holds at most: each part has an account of its own, so a book
 * holds no more of them than accounts. */
#define FB_CERT_ROWS_MAX FB_ACCOUNTS_MAX
_Static_assert(FB_LOANS_MAX < FB_ACCOUNTS_MAX, "class floors (one a loan) fit a read of accounts");

/* SQLite page cache per connection, in KiB: holds the id index's hot pages and the current run of
 * postings, so a batch does not reread them through the kernel; 64 MiB keeps a writer well inside
 * the 200 MiB the ledger may use. */
#define FB_PAGE_CACHE_KIB (64 * 1024)

_Static_assert(FB_XLSX_MONEY_MAX_FEN >= FB_PRINCIPAL_MAX_FEN - 1,
               "an XLSX money cell must hold any loan's principal as a number");
/* A text field of an audit entry (actor, operation, request id, outcome), in bytes: a request's
 * method and path (under 520) or a command line's subcommand and arguments fit; a longer one is
 * cut at a character boundary and ends in "...", so one entry stays under 4 KiB. */
#define FB_AUDIT_FIELD_MAX 1024

/* Audit entries one `audit list` query returns; the auditor pages on with --from. */
#define FB_AUDIT_LIST_MAX 1000

/* Users one `users list` query returns (a bank has hundreds); the caller pages on. */
#define FB_USERS_LIST_MAX 1000

/* A password, in bytes: a long passphrase fits, and Argon2id's work does not grow with it past
 * its first block anyway. At least FB_PASSWORD_MIN, so that the dashboard's login limit (five
 * tries in 15 minutes) faces more than a dictionary's first page. */
#define FB_PASSWORD_MAX 1024
#define FB_PASSWORD_MIN 8
_Static_assert(FB_PASSWORD_MIN >= 1 && FB_PASSWORD_MIN <= FB_PASSWORD_MAX,
               "a password's bounds must leave room for one");
/* An API entry's operation is its method and its path (at most 511 bytes, api/http.h). */
_Static_assert(FB_AUDIT_FIELD_MAX >= 16 + 1 + 511, "an API write's operation must fit an entry");

/* ---- The HTTP server (finbridge serve) ---------------------------------------------------- */

/* Connections open at once: each holds a socket and a 32 KiB buffer of libmicrohttpd's, so a
 * thousand keep the server within a few tens of MiB and within the default descriptor limit. */
#define FB_HTTP_CONNECTIONS_MAX 1000

/* Connections open at once from one address: twice the 64 of bench/api.sh's wrk, far above a
 * browser's six, so that no one address (idle sockets that send nothing) can fill the server. */
#define FB_HTTP_CONNECTIONS_PER_ADDRESS_MAX 128

/* Seconds a connection may wait without sending a byte before its request's headers are in:
 * after accepting, and between the requests of a kept-alive connection. Short, because such a
 * connection holds a place of FB_HTTP_CONNECTIONS_MAX and does nothing. */
#define FB_HTTP_HEADER_TIMEOUT_S 5

/* Seconds a connection may wait without a byte once its headers are in: its body arriving, or
 * its answer going out to a slow reader. A write waiting for the writer is not timed out. */
#define FB_HTTP_BODY_TIMEOUT_S 30

/* A request's path, in bytes (its query apart): every route's path is far shorter; a longer one
 * is answered 414, never cut. */
#define FB_HTTP_PATH_MAX 511

/* ---- Working days and financing demands (src/core/calendar.c, src/book/demand.c) ---------- */

/* The years a book's working-day calendar may hold: the State Council has published a holiday
 * schedule (部分节假日安排) every year since 1999; a century from 2000 is 36,525 days, a bit each
 * (4.6 KiB), so the calendar is a fixed array with no allocation. */
#define FB_CALENDAR_FIRST_YEAR 2000
#define FB_CALENDAR_LAST_YEAR 2099
/* Days of one kind (days off, weekend days worked) one year's notice lists: the 2026 notice lists
 * 33 days off and 6 working weekends; 64 is room for an extension as in 2020. */
#define FB_CALENDAR_DAYS_MAX 64
/* A notice's reference ("国办发明电〔2024〕12号" and its title), in bytes of UTF-8. */
#define FB_CALENDAR_NOTICE_MAX 240

/* A demand's purpose, a government's recommendation, a contact's note, a decline's or a
 * withdrawal's text, in bytes of UTF-8: 160 Chinese characters, a paragraph. */
#define FB_DEMAND_TEXT_MAX 480
/* The officer a demand is accepted to: a name or a staff number. */
#define FB_DEMAND_OFFICER_MAX 64
/* A service level, in working days: at most a year's working days (about 250). */
#define FB_DEMAND_LEVEL_DAYS_MAX 250
/* Demands posted in one call (a government's list): one transaction, like a batch of parties. */
#define FB_DEMAND_BATCH_MAX 1000
/* Demands one measure reads into memory (about 100 bytes each): a hundred times the demo
 * province's three years; a larger period is measured in parts. */
#define FB_DEMANDS_MEASURED_MAX 1000000
/* Loans a demand's view lists of those drawn under its facility (the count and the sum are of
 * all of them). */
#define FB_DEMAND_LOANS_SHOWN 100
/* A risk-compensation pool's name, in bytes of UTF-8: 60 Chinese characters. */
#define FB_POOL_NAME_MAX 180
/* A pool's id: room in its accounts' ids (pool:<id>:returned) within FB_ID_MAX. */
#define FB_POOL_ID_MAX 48
/* A pool's leverage cap (covered balance <= k x its balance): local schemes run 5x to 20x; 100x
 * is room, and keeps k x any balance within int64 fen (FB_PRINCIPAL_MAX_FEN x 100). */
#define FB_POOL_LEVERAGE_MAX 100
/* A pool's days overdue before a claim: up to three years (a loss is older than that). */
#define FB_POOL_OVERDUE_DAYS_MAX 1095
/* Answers of the reports a request thread of the server keeps for the book's version (answers.c):
 * a dashboard's pages ask for a few dozen (a year's month-ends of trends, a city each), all
 * dropped at the next write. */
#define FB_ANSWERS_KEPT_MAX 256
/* Bytes of those answers a thread keeps at most: a credit report by every dimension is some
 * hundred kilobytes; a larger answer is not kept. */
#define FB_ANSWERS_KEPT_BYTES_MAX 16777216u /* 16 MiB */
_Static_assert(FB_POOL_ID_MAX + 14 <= FB_ID_MAX, "a pool's accounts' ids fit");
_Static_assert(FB_CALENDAR_LAST_YEAR > FB_CALENDAR_FIRST_YEAR, "a calendar spans some years");
_Static_assert(FB_DEMAND_BATCH_MAX <= FB_DEMANDS_MEASURED_MAX, "a measure holds a batch");

/* The PostgreSQL backend (docs/postgresql.md). A commit that waits longer than this for its
 * synchronous standby (or any statement this long) is cancelled: the batch is then in doubt
 * (FB_EINDOUBT) rather than waiting for ever; a conninfo's own statement_timeout wins. */
#define FB_PG_COMMIT_TIMEOUT_MS 10000
/* Milliseconds a writer waits for the book's lock (another process's batch) per try, and tries. */
#define FB_PG_LOCK_TIMEOUT_MS 5000
#define FB_PG_LOCK_TRIES 6
/* Milliseconds the ledger goes on resubmitting a batch whose outcome is in doubt, or whose
 * server is unavailable (a failover takes seconds), before it reports it so. */
#define FB_PG_RESUBMIT_MS 30000
_Static_assert(FB_PG_LOCK_TIMEOUT_MS < FB_PG_COMMIT_TIMEOUT_MS,
               "a lock wait ends before a statement's");

/* A guarantor's written consent to an extension (贷款通则 第十二条): the reference of the
 * document, as the bank files it (a number such as 担保函〔2026〕12号: 64 bytes hold 21 Chinese
 * characters). */
#define FB_CONSENT_REF_MAX 64
_Static_assert(FB_CONSENT_REF_MAX <= FB_NOTE_MAX, "a consent's reference is a short text");

/* The guarantees' report: a row for each of Liaoning's 14 cities and the region's total. */
#define FB_GUARANTEE_ROWS_MAX 15
/* A subsidy scheme's claims listed: a quarter each, thirty years of them. */
#define FB_SUBSIDY_CLAIMS_MAX 120
_Static_assert(FB_SUBSIDY_CLAIMS_MAX <= FB_PAGE_MAX, "a scheme's claims fit a page");

/* Rows of a cut-over written in one committed part (docs/import.md, "A large book"): a part's
 * pages are what the WAL holds between checkpoints (some 60 MiB at 20,000 loans), and a book of
 * a million loans is some hundred parts, each an audit entry. Whole batches. */
#define FB_IMPORT_PART_ROWS 20000
_Static_assert(FB_IMPORT_PART_ROWS % FB_IMPORT_BATCH_MAX == 0,
               "a part is whole batches of an import");

/* Rows `finbridge copy` writes between two flushes of the destination's batch: a batch's worth,
 * so that a copy's statements are the size the ledger's own batches are. */
#define FB_COPY_BATCH FB_BATCH_MAX

#endif
