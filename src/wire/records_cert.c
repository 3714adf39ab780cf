/* records_cert.c — the tables of supply-chain certificates (record.h): an issue, a transfer, a
 * financing, their result lines, a part and a lineage. */
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *cert_status(int i) { return fb_cert_status_name((fb_cert_status)i); }
static const char *cert_result_name(int i) { return fb_cert_result_name((fb_cert_result)i); }
static const char *cert_result(int i) {
    const char *s = cert_result_name(i);
    if (strcmp(s, "unknown") != 0) return s;
    return i > 0 && strcmp(cert_result_name(i - 1), "unknown") != 0 ? "invalid" : NULL;
}
static const fb_wire_values cert_statuses = {cert_status, 0}, cert_results = {cert_result, 0};

/* An amount of a part: at least one fen (absent: the whole part). */
static int read_part_amount(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    int rc = fb_wire_read_value(f, v, record, err);
    if (rc == FB_OK && ((fb_cert_move *)record)->amount_fen <= 0) {
        return fb_wire_reject(err, f->name, "must be at least 0.01");
    }
    return rc;
}

#define REQ (FB_WF_IN | FB_WF_REQUIRED)
#define AT FB_WIRE_AT

static const fb_wire_field issue_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = REQ,
     AT(fb_cert_issue, id),
     .doc = "The new certificate's id (a root; at most 48 characters)",
     .example = "\"YX-SY-0001\""},
    {.name = "core",
     .type = FB_WT_ID,
     .flags = REQ,
     AT(fb_cert_issue, core),
     .doc = "The core enterprise that owes it; an enterprise user issues as its own core only",
     .example = "\"sy-machine-tools\""},
    {.name = "holder",
     .type = FB_WT_ID,
     .flags = REQ,
     AT(fb_cert_issue, holder),
     .doc = "The tier-1 supplier it is issued to (never the core)",
     .example = "\"dl-bearings\""},
    {.name = "face",
     .type = FB_WT_MONEY,
     .flags = REQ,
     AT(fb_cert_issue, face_fen),
     .doc = "Its face value, at least 0.01; reserved from the core's supply-chain limit",
     .example = "\"2000000.00\""},
    {.name = "issue_date",
     .type = FB_WT_DATE,
     .flags = REQ,
     AT(fb_cert_issue, issue_date),
     .doc = "The day it is issued, not a day already closed",
     .example = "\"2025-09-01\""},
    {.name = "maturity",
     .type = FB_WT_DATE,
     .flags = REQ,
     AT(fb_cert_issue, maturity),
     .doc = "When the core pays every holder: after the issue date and within a year of it (over "
            "six months: allowed, with a warning; 银发〔2025〕77号)",
     .example = "\"2026-03-01\""},
    {.name = "facility",
     .type = FB_WT_ID,
     .flags = FB_WF_IN,
     AT(fb_cert_issue, facility),
     .doc = "The core's supply-chain facility that backs it; default: the one in force on the "
            "issue date",
     .example = "\"FAC-SY-SCF-2025\""},
    {.name = "contract",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     AT(fb_cert_issue, contract),
     .doc = "The trade contract it pays for (at most 64 bytes)",
     .example = "\"SY-DL-2025-088\""},
    {.name = "invoice",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     AT(fb_cert_issue, invoice),
     .doc = "The invoice it pays (at most 64 bytes)",
     .example = "\"21002500088\""},
};

const fb_wire_record fb_wire_cert_issue = {
    "CertificateIssue", "a certificate",
    "Issuing a payable certificate (云信): a core enterprise's irrevocable promise to pay, to a "
    "supplier",
    issue_fields, sizeof issue_fields / sizeof issue_fields[0]};

#define MOVE_PART                                                                                  \
    {                                                                                              \
        .name = "part", .type = FB_WT_ID, .flags = REQ | FB_WF_PATH, AT(fb_cert_move, part),       \
        .doc = "The part it takes from", .example = "\"YX-SY-0001\""                               \
    }
#define MOVE_ID                                                                                    \
    {                                                                                              \
        .name = "id", .type = FB_WT_ID, .flags = REQ, AT(fb_cert_move, id),                        \
        .doc = "The new part's id: the same id again is found, not moved twice",                   \
        .example = "\"YX-SY-0001-AS\""                                                             \
    }
#define MOVE_AMOUNT                                                                                \
    {                                                                                              \
        .name = "amount", .type = FB_WT_MONEY, .flags = FB_WF_IN, AT(fb_cert_move, amount_fen),    \
        .read = read_part_amount,                                                                  \
        .doc = "How much of the part, at least 0.01; default: all of it",                          \
        .example = "\"300000.00\""                                                                 \
    }
#define MOVE_DATE                                                                                  \
    {                                                                                              \
        .name = "date", .type = FB_WT_DATE, .flags = FB_WF_IN, AT(fb_cert_move, date),             \
        .doc =                                                                                     \
            "When; default the business date, never before its holder received the part nor at "   \
            "or after maturity",                                                                   \
        .example = "\"2025-09-10\""                                                                \
    }

static const fb_wire_field transfer_fields[] = {
    MOVE_PART,
    MOVE_ID,
    {.name = "to",
     .type = FB_WT_ID,
     .flags = REQ,
     AT(fb_cert_move, to),
     .doc = "The receiving party: it holds a claim on the core; the giver has no further "
            "liability",
     .example = "\"as-hardware-shop\""},
    MOVE_AMOUNT,
    MOVE_DATE,
};

const fb_wire_record fb_wire_cert_transfer = {
    "CertificateTransfer", "a transfer", "Passing (a split of) a part on to one's own supplier",
    transfer_fields, sizeof transfer_fields / sizeof transfer_fields[0]};

static const fb_wire_field finance_fields[] = {
    MOVE_PART,
    MOVE_ID,
    MOVE_AMOUNT,
    MOVE_DATE,
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = REQ,
     AT(fb_cert_move, discount_rate_e6),
     .doc = "The discount rate per annum: the bank keeps amount × rate × days to maturity / 360",
     .example = "\"2.85\""},
};

const fb_wire_record fb_wire_cert_finance = {
    "CertificateFinancing", "a financing",
    "Selling (a split of) a part to the bank before maturity, without recourse: the holder is "
    "paid face less discount, the bank becomes the holder",
    finance_fields, sizeof finance_fields / sizeof finance_fields[0]};

static const fb_wire_field result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "index",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The API's issue: the event's position in the body, from 0 (a transfer or financing "
            "of the API is one event, without it)",
     .example = "0"},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The new certificate's or part's id (absent when a line could not be read that far)",
     .example = "\"YX-SY-0001-F1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &cert_results,
     .flags = FB_WF_OUT,
     .doc = "done, exists (the same again), or why not; invalid: the line could not be read (the "
            "API refuses the body with 400; a refused transfer or financing is a problem there)",
     .example = "\"done\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Done or exists: what moved (the face issued, or the new part's amount)",
     .example = "\"1000000.00\""},
    {.name = "discount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "A financing: the discount interest the bank keeps",
     .example = "\"11795.83\""},
    {.name = "proceeds",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "A financing: what the holder is paid",
     .example = "\"988204.17\""},
    {.name = "warning",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "An issue for more than six months: allowed, said",
     .example = "\"the term is longer than six months\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The field at fault: of an invalid line, a party not found (core, holder, to), or the "
            "one an exists_with_different differs in",
     .example = "\"to\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "An invalid line: why; a refusal measured against a figure: the figure",
     .example = "\"must be at least 0.01\""},
    FB__WIRE_MEASURED_DATE,
};

const fb_wire_record fb_wire_cert_result = {
    "CertificateResult", "a certificate's result",
    "What issuing, passing on or financing one certificate did", result_fields,
    sizeof result_fields / sizeof result_fields[0]};

static const fb_wire_field financed_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "When it was financed",
     .example = "\"2025-10-15\""},
    {.name = "by",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "The holder that sold it to the bank",
     .example = "\"dl-bearings\""},
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_OUT,
     .doc = "The discount rate",
     .example = "\"2.8500\""},
    {.name = "discount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "The discount interest the bank keeps",
     .example = "\"11795.83\""},
    {.name = "proceeds",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "What the holder was paid",
     .example = "\"988204.17\""},
    {.name = "inclusive",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT,
     .doc = "The supplier that financed is inclusive (普惠型小微, regulator's scope)",
     .example = "true"},
    {.name = "inclusive_pboc",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT,
     .doc = "... in the central bank's statistics",
     .example = "true"},
};

const fb_wire_record fb_wire_cert_financed = {"CertificateFinanced", "a financing of a part",
                                              "How a part was sold to the bank", financed_fields,
                                              sizeof financed_fields / sizeof financed_fields[0]};

static const fb_wire_field cert_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The part's id",
     .example = "\"YX-SY-0001-AS\""},
    {.name = "root",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The certificate it was cut from, at the top",
     .example = "\"YX-SY-0001\""},
    {.name = "parent",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "The part it was cut from; null for a root",
     .example = "\"YX-SY-0001\""},
    {.name = "core",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The core enterprise that owes it",
     .example = "\"sy-machine-tools\""},
    {.name = "facility",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The core's facility that backs it",
     .example = "\"FAC-SY-SCF-2025\""},
    {.name = "holder",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "Who holds it: a party's id, or bank",
     .example = "\"as-hardware-shop\""},
    {.name = "from",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "Who passed it on; null for a root (the core issued it)",
     .example = "\"dl-bearings\""},
    {.name = "received",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "When its holder received it",
     .example = "\"2025-09-10\""},
    {.name = "face",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Its amount: range_end − range_start fen (0 once passed on whole)",
     .example = "\"300000.00\""},
    {.name = "range_start",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .unit = "fen",
     .doc = "Where it starts in its root's range [0, root face): every fen traces to its root",
     .example = "0"},
    {.name = "range_end",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .unit = "fen",
     .doc = "Where it ends (exclusive)",
     .example = "30000000"},
    {.name = "root_face",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "The root's face",
     .example = "\"2000000.00\""},
    {.name = "issue_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The root's issue date",
     .example = "\"2025-09-01\""},
    {.name = "maturity",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "When the core pays its holders",
     .example = "\"2026-03-01\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &cert_statuses,
     .flags = FB_WF_OUT,
     .doc = "held, financed (the bank holds it), spent (all of it passed on) or settled (paid at "
            "maturity)",
     .example = "\"held\""},
    {.name = "contract",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The root's trade contract, when given",
     .example = "\"SY-DL-2025-088\""},
    {.name = "invoice",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The root's invoice, when given",
     .example = "\"21002500088\""},
    {.name = "financed",
     .type = FB_WT_RECORD,
     .record = &fb_wire_cert_financed,
     .flags = FB_WF_SOMETIMES,
     .doc = "When it was sold to the bank: how",
     .example = NULL},
    {.name = "settled",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "When it was paid at maturity",
     .example = "\"2026-03-01\""},
    {.name = "core_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The core enterprise's name",
     .example = "\"沈阳精密机床股份有限公司\""},
    {.name = "holder_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The holder's name (not for the bank)",
     .example = "\"鞍山五金商行\""},
};

const fb_wire_record fb_wire_certificate = {
    "Certificate", "a certificate part",
    "A part of a certificate: a range of fen inside its root, with its holder", cert_fields,
    sizeof cert_fields / sizeof cert_fields[0]};

static const fb_wire_field lineage_fields[] = {
    {.name = "root",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The root certificate",
     .example = "\"YX-SY-0001\""},
    {.name = "parts",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_certificate,
     .flags = FB_WF_OUT,
     .doc = "Every part of the root, the root first, in order of creation; each names its parent",
     .example = NULL},
};

const fb_wire_record fb_wire_lineage = {
    "Lineage", "a lineage", "Every part of a certificate's root: who holds each fen",
    lineage_fields, sizeof lineage_fields / sizeof lineage_fields[0]};

/* ---- What the dashboard asks before a move ------------------------------------------------- */

static const char *party_kind(int i) { return fb_party_kind_name((fb_party_kind)i); }
static const fb_wire_values party_kinds = {party_kind, 0};

static const fb_wire_field party_name_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The party's id, to name it as the receiver",
     .example = "\"as-hardware-shop\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "Its registered name",
     .example = "\"鞍山五金商行\""},
    {.name = "kind",
     .type = FB_WT_ENUM,
     .values = &party_kinds,
     .flags = FB_WF_OUT,
     .doc = "An enterprise or an individual business",
     .example = "\"enterprise\""},
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Its city's division code",
     .example = "210300"},
};

const fb_wire_record fb_wire_party_name = {
    "PartyName", "a party's name",
    "A party as a holder may name it when passing a part on: its name and city, nothing of its "
    "business",
    party_name_fields, sizeof party_name_fields / sizeof party_name_fields[0]};

static const fb_wire_field quote_fields[] = {
    {.name = "part",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The part it would take from",
     .example = "\"YX-SY-0001\""},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The new part's id (free: a move under it would be done, not found)",
     .example = "\"YX-SY-0001-F1\""},
    {.name = "to",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "A transfer: the receiver",
     .example = "\"as-hardware-shop\""},
    {.name = "to_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "A transfer: the receiver's name",
     .example = "\"鞍山五金商行\""},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The day it would be dated (the business date unless given)",
     .example = "\"2025-09-10\""},
    {.name = "maturity",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "When the core pays the part's holders",
     .example = "\"2026-03-01\""},
    {.name = "days",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .unit = "days",
     .doc = "Days from date to maturity: the financing's discount runs over them (act360)",
     .example = "172"},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "What would move (all of the part unless given)",
     .example = "\"1000000.00\""},
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES,
     .doc = "A financing: the discount rate",
     .example = "\"2.8500\""},
    {.name = "discount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "A financing: the discount interest the bank would keep",
     .example = "\"13616.67\""},
    {.name = "proceeds",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "A financing: what the holder would be paid",
     .example = "\"986383.33\""},
};

const fb_wire_record fb_wire_cert_quote = {
    "CertificateQuote", "a quote",
    "What passing on or financing a part would do, decided and priced as the move itself would "
    "be, with nothing written",
    quote_fields, sizeof quote_fields / sizeof quote_fields[0]};
