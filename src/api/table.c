/* table.c — the route table: one declaration of every route drives authentication, roles, group
 * commit, the audit log, metrics and the OpenAPI document. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

#define BANK R(FB_ROLE_BANK_OFFICER)

#define AUDITOR R(FB_ROLE_AUDITOR)

#define ENTERPRISE R(FB_ROLE_ENTERPRISE)

#define READERS (BANK | AUDITOR)

#define NOAUTH NO_AUTH

#define GOVERNMENT R(FB_ROLE_GOVERNMENT)

const route fb_routes[] = {
    {"GET", "/healthz", NOAUTH, false, false, fb__api_healthz, "Whether the server answers"},
    {"GET", "/metrics", R(FB_ROLE_ADMIN) | READERS, false, false, fb__api_metrics,
     "Requests, latency and commits in Prometheus text"},
    {"GET", "/v1/openapi.json", NOAUTH, false, false, fb__api_openapi, "This API as OpenAPI 3.1"},
    {"POST", "/v1/session", NOAUTH, false, false, fb__api_login,
     "Log in to the dashboard with name and password: a session cookie"},
    {"DELETE", "/v1/session", ANY_ROLE, false, false, fb__api_logout, "Log out: the session ends"},
    {"GET", "/v1/me", ANY_ROLE, false, false, fb__api_me,
     "The caller: name, role, party or region"},
    {"GET", "/v1/meta", ANY_ROLE, false, false, fb__api_meta,
     "The vocabulary: the province, its cities, roles, lines, chains, classes, statuses, methods"},
    {"POST", "/v1/accounts", BANK, true, true, fb__api_post_accounts,
     "Create up to 8,189 accounts: one result each"},
    {"POST", "/v1/transfers", BANK, true, true, fb__api_post_transfers,
     "Create up to 8,189 transfers: one result each"},
    {"GET", "/v1/accounts/{id}", READERS | ENTERPRISE, false, false, fb__api_get_account,
     "An account"},
    {"GET", "/v1/accounts/{id}/transfers", READERS | ENTERPRISE, false, false,
     fb__api_account_transfers, "An account's transfers: from, to, limit, cursor, reverse"},
    {"GET", "/v1/accounts/{id}/balances", READERS | ENTERPRISE, false, false,
     fb__api_account_balances, "An account's balances as of a timestamp (history flag)"},
    {"GET", "/v1/transfers/{id}", READERS | ENTERPRISE, false, false, fb__api_get_transfer,
     "A transfer"},
    {"POST", "/v1/parties", BANK, true, false, fb__api_post_parties,
     "Register up to 1,000 parties"},
    {"GET", "/v1/parties/{id}", READERS | ENTERPRISE, false, false, fb__api_get_party, "A party"},
    {"GET", "/v1/parties/{id}/facilities", READERS | ENTERPRISE, false, false,
     fb__api_party_facilities, "A party's facilities: limit, available, drawn"},
    {"GET", "/v1/parties/{id}/loans", READERS | ENTERPRISE, false, false, fb__api_party_loans,
     "A party's loans with what each owes"},
    {"GET", "/v1/parties/{id}/certificates", READERS | ENTERPRISE, false, false, fb__api_held_by,
     "The certificate parts a party holds"},
    {"POST", "/v1/facilities", BANK, true, false, fb__api_post_facilities,
     "Approve up to 1,000 facilities"},
    {"GET", "/v1/facilities/{id}", READERS | ENTERPRISE, false, false, fb__api_get_facility,
     "A facility"},
    {"POST", "/v1/loans", BANK, true, false, fb__api_post_loans, "Draw up to 1,000 loans"},
    {"GET", "/v1/loans/{id}", READERS | ENTERPRISE, false, false, fb__api_get_loan,
     "A loan and what it owes"},
    {"GET", "/v1/loans/{id}/schedule", READERS | ENTERPRISE, false, false, fb__api_loan_schedule,
     "A loan's schedule"},
    {"POST", "/v1/loans/{id}/repayments", BANK, true, false, fb__api_loan_repay,
     "A repayment from the borrower's deposit account: amount, date, prepay, id"},
    {"POST", "/v1/loans/{id}/write-off", BANK, true, false, fb__api_loan_write_off,
     "Write off a loss loan"},
    {"POST", "/v1/loans/{id}/recoveries", BANK, true, false, fb__api_loan_recover,
     "A recovery on a written-off loan"},
    {"POST", "/v1/eod", BANK, true, false, fb__api_post_eod,
     "Close the bank's days through a date"},
    {"GET", "/v1/eod", READERS | R(FB_ROLE_GOVERNMENT) | ENTERPRISE, false, false,
     fb__api_eod_status, "The business date and the last day closed"},
    {"POST", "/v1/certificates", BANK | ENTERPRISE, true, false, fb__api_post_certificates,
     "Issue up to 1,000 certificates (an enterprise as its own core)"},
    {"GET", "/v1/certificates", READERS, false, false, fb__api_list_certificates,
     "The latest certificates issued (roots): limit"},
    {"GET", "/v1/certificates/{id}", READERS | ENTERPRISE, false, false, fb__api_get_certificate,
     "A certificate part"},
    {"GET", "/v1/certificates/{id}/lineage", READERS | ENTERPRISE, false, false,
     fb__api_cert_lineage, "Every part of a certificate's root (an enterprise: as its core)"},
    {"POST", "/v1/certificates/{id}/transfers", BANK | ENTERPRISE, true, false,
     fb__api_cert_transfer, "Pass a part on (an enterprise: what it holds)"},
    {"POST", "/v1/certificates/{id}/financings", BANK | ENTERPRISE, true, false,
     fb__api_cert_finance, "Sell a part to the bank at a discount"},
    {"POST", "/v1/projects", BANK, true, false, fb__api_post_projects,
     "Record up to 1,000 of the province's major projects"},
    {"GET", "/v1/projects", READERS | R(FB_ROLE_GOVERNMENT), false, false, fb__api_list_projects,
     "The major projects with what is approved, drawn and outstanding"},
    {"GET", "/v1/projects/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false, fb__api_get_project,
     "A major project: what is approved, drawn and outstanding under it"},
    {"POST", "/v1/agreements", BANK, true, false, fb__api_post_agreement,
     "Record a cooperation agreement with its targets"},
    {"GET", "/v1/agreements", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_list_agreements, "The agreements the caller may see"},
    {"GET", "/v1/agreements/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_get_agreement, "An agreement and its targets (government: its own region's)"},
    {"GET", "/v1/agreements/{id}/progress", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_agreement_progress, "Progress on every target on a closed day: as_of"},
    {"GET", "/v1/reports/credit", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_report_credit,
     "Credit by city, chain, line, size, class on a closed day: as_of, from, by, region"},
    {"GET", "/v1/reports/inclusive", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_report_inclusive,
     "The two increases of inclusive loans since the end of the year before: as_of, region"},
    {"GET", "/v1/reports/moves", READERS, false, false, fb__api_report_moves,
     "Loans moved between classes: from, as_of"},
    {"GET", "/v1/reports/exposures", READERS, false, false, fb__api_report_exposures,
     "The largest borrowers by principal outstanding: limit"},
    /* Exports (docs/export.md): a file download, CSV or XLSX (format, or the Accept header). A
     * government user has the reports of its own region, never a borrower's record. */
    {"GET", "/v1/exports/parties", READERS, false, false, fb__api_export,
     "The parties as a CSV or XLSX file: as_of, format, region"},
    {"GET", "/v1/exports/facilities", READERS, false, false, fb__api_export,
     "The facilities with what is drawn and available, as a file: as_of, format, region"},
    {"GET", "/v1/exports/loans", READERS, false, false, fb__api_export,
     "Every loan and what it owes, as a file: as_of, format, region"},
    {"GET", "/v1/exports/schedules", READERS, false, false, fb__api_export,
     "Every active loan's installments, as a file: as_of, format, region"},
    {"GET", "/v1/exports/certificates", READERS, false, false, fb__api_export,
     "The certificate parts outstanding, as a file: as_of, format, region"},
    {"GET", "/v1/exports/credit", READERS | GOVERNMENT, false, false, fb__api_export,
     "The credit report as a file: as_of, from, by, region, format"},
    {"GET", "/v1/exports/inclusive", READERS | GOVERNMENT, false, false, fb__api_export,
     "The two increases of inclusive loans as a file: as_of, region, format"},
    {"GET", "/v1/exports/progress", READERS | GOVERNMENT, false, false, fb__api_export,
     "An agreement's progress as a file (government: its region's): agreement, as_of, format"},
    {"GET", "/v1/exports/moves", READERS, false, false, fb__api_export,
     "Loans moved between classes as a file: from, as_of, format"},
    {"GET", "/v1/exports/exposures", READERS, false, false, fb__api_export,
     "The largest borrowers as a file: as_of, limit, region, format"},
    {"GET", "/v1/schedule", ANY_ROLE, false, false, fb__api_schedule,
     "The repayment calculator: principal, rate, months, method, start, day_count"},
};

const size_t fb_routes_count = sizeof fb_routes / sizeof fb_routes[0];

json_t *fb_openapi(void) {
    json_t *doc = json_object(), *info = json_object(), *paths = json_object();
    json_object_set_new(doc, "openapi", json_string("3.1.0"));
    json_object_set_new(info, "title", json_string("finbridge"));
    json_object_set_new(info, "version", json_string("0.1.0"));
    json_object_set_new(doc, "info", info);
    for (size_t i = 0; i < fb_routes_count; i++) {
        const route *rt = &fb_routes[i];
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        json_t *op = json_object(), *roles = json_array();
        json_object_set_new(op, "summary", json_string(rt->summary));
        for (int k = 0; k < FB_ROLE_COUNT_; k++) {
            if (rt->roles & R(k))
                json_array_append_new(roles, json_string(fb_role_name((fb_role)k)));
        }
        json_object_set_new(op, "x-roles", roles);
        if (!(rt->roles & NO_AUTH)) {
            json_t *sec = json_array(), *bearer = json_object();
            json_object_set_new(bearer, "bearer", json_array());
            json_array_append_new(sec, bearer);
            json_object_set_new(op, "security", sec);
        }
        json_t *params = json_array();
        const char *p = strchr(rt->pattern, '{');
        if (p) {
            json_t *param = json_object(), *schema = json_object();
            json_object_set_new(param, "name", json_string("id"));
            json_object_set_new(param, "in", json_string("path"));
            json_object_set_new(param, "required", json_true());
            json_object_set_new(schema, "type", json_string("string"));
            json_object_set_new(param, "schema", schema);
            json_array_append_new(params, param);
        }
        json_object_set_new(op, "parameters", params);
        json_t *responses = json_object(), *ok = json_object();
        json_object_set_new(ok, "description", json_string("done"));
        json_object_set_new(responses, "200", ok);
        json_t *problem = json_object();
        json_object_set_new(problem, "description",
                            json_string("a problem (application/problem+json)"));
        json_object_set_new(responses, "default", problem);
        json_object_set_new(op, "responses", responses);
        char method[8];
        size_t k = 0;
        for (; rt->method[k] && k < sizeof method - 1; k++)
            method[k] = (char)(rt->method[k] | 0x20);
        method[k] = 0;
        json_object_set_new(item, method, op);
    }
    json_object_set_new(doc, "paths", paths);
    json_t *components = json_object(), *schemes = json_object(), *bearer = json_object();
    json_object_set_new(bearer, "type", json_string("http"));
    json_object_set_new(bearer, "scheme", json_string("bearer"));
    json_object_set_new(schemes, "bearer", bearer);
    json_object_set_new(components, "securitySchemes", schemes);
    json_object_set_new(doc, "components", components);
    return doc;
}
