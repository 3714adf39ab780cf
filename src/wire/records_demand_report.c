/* records_demand_report.c — the tables (record.h) of the demands' measures (a row of the report),
 * of a year's holiday notice and what loading one did, and of the queries of the demands' list and
 * report, with the reader of a notice's days. */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *calendar_result(int i) {
    const char *s = fb_calendar_result_name((fb_calendar_result)i);
    if (strcmp(s, "unknown") != 0) return s;
    return i == FB_CALENDAR_EXISTS_WITH_DIFFERENT + 1 ? "invalid" : NULL;
}
static const char *list_status(int i) {
    static const char *const names[] = {"all", "open", "closed"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}
static const fb_wire_values calendar_results = {calendar_result, 0},
                            list_statuses = {list_status, 0};

#define OUT_NULL (FB_WF_OUT | FB_WF_NULLABLE)
#define COUNT(name_, doc_, example_)                                                               \
    {                                                                                              \
        .name = (name_), .type = FB_WT_INTEGER, .flags = OUT_NULL, .doc = (doc_),                  \
        .example = (example_)                                                                      \
    }
#define AMOUNT(name_, doc_, example_)                                                              \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = OUT_NULL, .doc = (doc_),                    \
        .example = (example_)                                                                      \
    }
#define RATIO(name_, doc_, example_)                                                               \
    {                                                                                              \
        .name = (name_), .type = FB_WT_PERCENT, .flags = OUT_NULL, .doc = (doc_),                  \
        .example = (example_)                                                                      \
    }
#define DAYS(name_, type_, doc_, example_)                                                         \
    {                                                                                              \
        .name = (name_), .type = (type_), .flags = OUT_NULL, .unit = "working days",               \
        .doc = (doc_), .example = (example_)                                                       \
    }

/* ---- A row of the demands' measures ---------------------------------------------------------- */

static const fb_wire_field row_fields[] = {
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "By city: the enterprises' city code, 0 outside Liaoning's cities",
     .example = "210200"},
    {.name = "city_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES | FB_WF_NULLABLE,
     .doc = "By city: its name in Chinese, or null",
     .example = "\"大连\""},
    {.name = "chain",
     .type = FB_WT_ENUM,
     .values = &fb__wire_key_chains,
     .flags = FB_WF_SOMETIMES | FB_WF_NULLABLE,
     .doc = "By chain: the key chain, or null for enterprises in none",
     .example = "\"machine_tools\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &fb__wire_lines,
     .flags = FB_WF_SOMETIMES,
     .doc = "By line: the demands' line of business",
     .example = "\"inclusive\""},
    {.name = "size",
     .type = FB_WT_ENUM,
     .values = &fb__wire_size_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "By size: the enterprises' size class",
     .example = "\"small\""},
    COUNT("enterprises", "Distinct enterprises of the demands received", "12"),
    COUNT("received", "Demands posted in the period", "20"),
    AMOUNT("requested", "What they asked for", "\"40000000.00\""),
    COUNT("response_due",
          "Received whose first response was made, or whose level ran out, by as_of (not those "
          "withdrawn unanswered within it)",
          "18"),
    COUNT("responded_in_level", "Contacted on or before the response's last day", "17"),
    COUNT("response_overdue", "Open, not contacted, past the response's last day on as_of", "1"),
    COUNT("open", "Not decided nor withdrawn by as_of", "3"),
    COUNT("granted", "Granted by as_of", "11"),
    COUNT("declined", "Declined by as_of", "5"),
    COUNT("withdrawn", "Withdrawn by as_of", "1"),
    COUNT("decided", "Granted or declined", "16"),
    COUNT("decided_in_level", "Decided on or before the decision's last day", "15"),
    COUNT("decision_overdue", "Open past the decision's last day on as_of", "0"),
    AMOUNT("decided_requested", "What the decided demands asked for", "\"32000000.00\""),
    AMOUNT("granted_amount", "The credit granted", "\"25000000.00\""),
    RATIO("response_rate", "responded_in_level / response_due; null when none was due",
          "\"94.4444\""),
    RATIO("match_rate", "granted / decided; null when none was decided", "\"68.7500\""),
    RATIO("amount_rate", "granted_amount / decided_requested", "\"78.1250\""),
    DAYS("decision_days_median", FB_WT_STRING,
         "The median from the posting to the decision: a whole number or a half, as a decimal "
         "string with one decimal; null when none was decided",
         "\"8.5\""),
    DAYS("decision_days_p90", FB_WT_INTEGER,
         "The 90th percentile of the same, by nearest rank: one of the values", "14"),
    COUNT("drawn", "Granted with a first drawdown by as_of", "9"),
    DAYS("loan_days_median", FB_WT_STRING,
         "The median from the posting to the first drawdown (as decision_days_median)", "\"11.0\""),
    DAYS("loan_days_p90", FB_WT_INTEGER, "Its 90th percentile by nearest rank", "19"),
    {.name = "declines",
     .type = FB_WT_MAP,
     .item = FB_WT_INTEGER,
     .flags = OUT_NULL,
     .doc = "Declined by as_of, by reason: every reason of the list with its count",
     .example = "{\"no_security\": 3, \"other\": 1}"},
    {.name = "suppressed",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_SOMETIMES,
     .doc = "A government user: the row's figures are kept from it (fewer enterprises than the "
            "book's minimum, or the complement that keeps such a row from being had)",
     .example = "true"},
};

const fb_wire_record fb_wire_demand_row = {
    "DemandRow", "a row of the demands' measures",
    "The financing demands received in a period, as they stand at its end, by the dimensions "
    "asked",
    row_fields, sizeof row_fields / sizeof row_fields[0]};

/* ---- A year's holiday notice ------------------------------------------------------------------
 */

/* The days of a notice: an array of dates within the year, into holidays or workdays. */
static int read_days(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    fb_calendar_year *y = record;
    bool work = strcmp(f->name, "workdays") == 0;
    int32_t *days = work ? y->workdays : y->holidays;
    size_t *n = work ? &y->n_workdays : &y->n_holidays;
    if (!json_is_array(v)) return fb_wire_reject(err, f->name, "must be an array of dates");
    if (json_array_size(v) > FB_CALENDAR_DAYS_MAX) {
        return fb_wire_reject(err, f->name, "lists more than 64 days");
    }
    size_t i;
    json_t *x;
    *n = 0;
    json_array_foreach(v, i, x) {
        const char *why = NULL;
        if (!json_is_string(x) || fb_date_parse(json_string_value(x), &days[*n], &why)) {
            return fb_wire_reject(err, f->name, why ? why : "must be dates YYYY-MM-DD");
        }
        (*n)++;
    }
    return FB_OK;
}

static const fb_wire_field calendar_fields[] = {
    {.name = "year",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT,
     FB_WIRE_AT(fb_calendar_year, year),
     .min = FB_CALENDAR_FIRST_YEAR,
     .max = FB_CALENDAR_LAST_YEAR,
     .doc = "The year",
     .example = "2027"},
    {.name = "notice",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT,
     FB_WIRE_AT(fb_calendar_year, notice),
     .doc = "The State Council's notice: its number, or its title and date",
     .example = "\"国务院办公厅关于2027年部分节假日安排的通知\""},
    {.name = "holidays",
     .type = FB_WT_ARRAY,
     .item = FB_WT_DATE,
     .flags = FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT,
     .read = read_days,
     .doc = "The days off, each once (weekend days within a holiday too)",
     .example = "[\"2027-01-01\"]"},
    {.name = "workdays",
     .type = FB_WT_ARRAY,
     .item = FB_WT_DATE,
     .flags = FB_WF_IN | FB_WF_OUT,
     .read = read_days,
     .doc = "The Saturdays and Sundays worked (调休上班)",
     .example = "[\"2027-02-06\"]"},
    {.name = "shipped",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT,
     .doc = "finbridge ships this year's notice (else the operator loaded it)",
     .example = "false"},
};

const fb_wire_record fb_wire_calendar_year = {
    "CalendarYear", "a year's holiday notice",
    "A year's holiday schedule as the State Council publishes it: working days are Monday to "
    "Friday, less the days off, plus the weekend days worked (finbridge calendar load)",
    calendar_fields, sizeof calendar_fields / sizeof calendar_fields[0]};

static const fb_wire_field calendar_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The input line's number, from 1",
     .example = "1"},
    {.name = "year",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The year",
     .example = "2027"},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &calendar_results,
     .flags = FB_WF_OUT,
     .doc = "loaded, exists (the same days), exists_with_different (never replaced), or invalid",
     .example = "\"loaded\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "invalid: the field at fault",
     .example = "\"workdays\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "invalid: why",
     .example = "\"2027-02-08 is not a Saturday or a Sunday\""},
};

const fb_wire_record fb_wire_calendar_result = {
    "CalendarResult", "a notice's result", "What loading one year's notice did",
    calendar_result_fields, sizeof calendar_result_fields / sizeof calendar_result_fields[0]};

/* ---- The queries ----------------------------------------------------------------------------- */

static const fb_wire_field demands_query_fields[] = {
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &list_statuses,
     .flags = FB_WF_IN,
     .doc = "open (the queue: posted, accepted, contacted), closed, or all (default)",
     .example = "\"open\""},
    {.name = "after",
     .type = FB_WT_ID,
     .flags = FB_WF_IN,
     .doc = "The last demand of the page before: the next page starts after it",
     .example = "\"DM-2026-0001\""},
    {.name = "limit",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN,
     .min = 1,
     .max = 1000,
     .doc = "How many at most (default 1,000)",
     .example = "100"},
};
const fb_wire_record fb_wire_demands_query = {
    "DemandsQuery", "a demands query", "The demands the caller may see, in the order posted",
    demands_query_fields, sizeof demands_query_fields / sizeof demands_query_fields[0]};

static const fb_wire_field demands_report_query_fields[] = {
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     .doc = "A closed day: the period's last",
     .example = "\"2026-06-30\""},
    {.name = "from",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     .doc = "The period's first day (default: the first demand's)",
     .example = "\"2026-01-01\""},
    {.name = "by",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     .doc = "city, chain, line and size, comma-separated",
     .example = "\"city\""},
    {.name = "region",
     .type = FB_WT_CODE,
     .flags = FB_WF_IN,
     .doc = "210000 (Liaoning) or one of its cities' codes; a government user: its own region "
            "(the province's user may ask one of its cities)",
     .example = "\"210200\""},
};
const fb_wire_record fb_wire_demands_report_query = {
    "DemandsReportQuery", "a demands report's query", "The demands' measures' arguments",
    demands_report_query_fields,
    sizeof demands_report_query_fields / sizeof demands_report_query_fields[0]};
