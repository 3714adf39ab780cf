/* records_subsidy_lines.c — the table (record.h) of a claim's line as GET
 * /v1/subsidies/{id}/lines gives it: its id, days, amount and decision, the borrower's size
 * class, line of business and city, and the loan unless it is withheld from a government. */
#include "wire/record.h"
#include "wire/records.h"

static const char *size_class(int i) { return fb_size_class_name((fb_size_class)i); }
static const char *line(int i) { return fb_line_name((fb_line)i); }
static const char *decision(int i) {
    static const char *const names[] = {"undecided", "approved", "rejected"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}
static const fb_wire_values sizes = {size_class, 0}, lines = {line, 0}, decisions = {decision, 0};

static const fb_wire_field line_view_fields[] = {
    {.name = "id",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "The line's id: the loan's enrolment in the scheme, the same in every quarter's claim; "
            "it names no loan",
     .example = "7"},
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The loan; absent when withheld",
     .example = "\"L1\""},
    {.name = "days",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .unit = "days",
     .doc = "The days of the quarter it accrued",
     .example = "89"},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "What it accrued",
     .example = "\"247.22\""},
    {.name = "decision",
     .type = FB_WT_ENUM,
     .values = &decisions,
     .flags = FB_WF_OUT,
     .doc = "undecided, approved or rejected",
     .example = "\"undecided\""},
    {.name = "size_class",
     .type = FB_WT_ENUM,
     .values = &sizes,
     .flags = FB_WF_OUT,
     .doc = "The borrower's size class",
     .example = "\"micro\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &lines,
     .flags = FB_WF_OUT,
     .doc = "The loan's line of business",
     .example = "\"inclusive\""},
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "The borrower's city (its division code's first four digits and 00)",
     .example = "210200"},
    {.name = "withheld",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT,
     .doc = "true when the reader is a government and the borrower is small or micro: a "
            "government never sees a small borrower's loan (docs/api.md), so the loan is absent",
     .example = "false"},
};
const fb_wire_record fb_wire_subsidy_line_view = {
    "SubsidyClaimLine", "a claim's line as read",
    "A line of a quarter's claim as a reader may read it (GET /v1/subsidies/{id}/lines)",
    line_view_fields, sizeof line_view_fields / sizeof line_view_fields[0]};
