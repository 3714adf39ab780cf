/* table.c — the route table: one declaration of every route drives authentication, roles, group
 * commit, the audit log, metrics and the OpenAPI document, whose schemas come from the records'
 * tables (wire/records.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "api/server.h"

#define BANK R(FB_ROLE_BANK_OFFICER)

#define AUDITOR R(FB_ROLE_AUDITOR)

#define ENTERPRISE R(FB_ROLE_ENTERPRISE)

#define READERS (BANK | AUDITOR)

#define NOAUTH NO_AUTH

#define GOVERNMENT R(FB_ROLE_GOVERNMENT)

/* A guarantee company's user: the loans it guarantees and their guarantees, nothing else. */
#define GUARANTOR R(FB_ROLE_GUARANTOR)

/* The document's columns of a route. */
#define OP(id) .operation_id = (id)
#define BODY(record) .body = (&(record))
#define BATCH(record, max) .body = (&(record)), .body_max = (max)
#define ONE(record) .answer = (&(record))
#define LIST(record) .answer = (&(record)), .answer_list = true
#define QUERY(record) .query = (&(record))

const route fb_routes[] = {
    {"GET", "/healthz", NOAUTH, false, false, fb__api_healthz, "Whether the server answers",
     OP("getHealth"), ONE(fb_wire_health)},
    {"GET", "/metrics", R(FB_ROLE_ADMIN) | READERS, false, false, fb__api_metrics,
     "Requests, latency and commits in Prometheus text", OP("getMetrics"), .statuses = ST_TEXT},
    {"GET", "/v1/openapi.json", NOAUTH, false, false, fb__api_openapi, "This API as OpenAPI 3.1",
     OP("getOpenApi")},
    {"POST", "/v1/session", NOAUTH, false, false, fb__api_login,
     "Log in to the dashboard with name and password: a session cookie", OP("createSession"),
     BODY(fb_wire_login), ONE(fb_wire_me), .statuses = ST_401 | ST_429},
    {"DELETE", "/v1/session", ANY_ROLE, false, false, fb__api_logout, "Log out: the session ends",
     OP("deleteSession"), ONE(fb_wire_logout)},
    {"GET", "/v1/me", ANY_ROLE, false, false, fb__api_me, "The caller: name, role, party or region",
     OP("getMe"), ONE(fb_wire_me)},
    {"GET", "/v1/meta", ANY_ROLE, false, false, fb__api_meta,
     "The vocabulary: the province, its cities, roles, lines, chains, classes, statuses, methods",
     OP("getMeta")},
    {"POST", "/v1/accounts", BANK, true, true, fb__api_post_accounts,
     "Create up to 8,189 accounts: one result each", OP("createAccounts"),
     BATCH(fb_wire_account, FB_BATCH_MAX), LIST(fb_wire_event_result)},
    {"POST", "/v1/transfers", BANK, true, true, fb__api_post_transfers,
     "Create up to 8,189 transfers: one result each", OP("createTransfers"),
     BATCH(fb_wire_transfer, FB_BATCH_MAX), LIST(fb_wire_event_result)},
    {"GET", "/v1/accounts/{id}", READERS | ENTERPRISE, false, false, fb__api_get_account,
     "An account", OP("getAccount"), ONE(fb_wire_account)},
    {"GET", "/v1/accounts/{id}/transfers", READERS | ENTERPRISE, false, false,
     fb__api_account_transfers, "An account's transfers: from, to, limit, cursor, reverse",
     OP("listAccountTransfers"), ONE(fb_wire_transfer_page), QUERY(fb_wire_transfers_query)},
    {"GET", "/v1/accounts/{id}/balances", READERS | ENTERPRISE, false, false,
     fb__api_account_balances, "An account's balances as of a timestamp (history flag)",
     OP("getAccountBalance"), ONE(fb_wire_balance), QUERY(fb_wire_balances_query),
     .statuses = ST_422},
    {"GET", "/v1/transfers/{id}", READERS | ENTERPRISE, false, false, fb__api_get_transfer,
     "A transfer", OP("getTransfer"), ONE(fb_wire_transfer)},
    {"POST", "/v1/parties", BANK, true, false, fb__api_post_parties, "Register up to 1,000 parties",
     OP("createParties"), BATCH(fb_wire_party, FB_PARTY_BATCH_MAX), LIST(fb_wire_party_result)},
    {"GET", "/v1/parties/{id}", READERS | ENTERPRISE, false, false, fb__api_get_party, "A party",
     OP("getParty"), ONE(fb_wire_party)},
    {"GET", "/v1/parties/{id}/facilities", READERS | ENTERPRISE, false, false,
     fb__api_party_facilities, "A party's facilities: limit, available, drawn",
     OP("listPartyFacilities"), LIST(fb_wire_facility), QUERY(fb_wire_list_query)},
    {"GET", "/v1/parties/{id}/loans", READERS | ENTERPRISE, false, false, fb__api_party_loans,
     "A party's loans with what each owes", OP("listPartyLoans"), LIST(fb_wire_loan),
     QUERY(fb_wire_list_query)},
    {"GET", "/v1/parties/{id}/certificates", READERS | ENTERPRISE, false, false, fb__api_held_by,
     "The certificate parts a party holds", OP("listPartyCertificates"), LIST(fb_wire_certificate)},
    {"GET", "/v1/parties/{id}/receivers", READERS | ENTERPRISE, false, false, fb__api_receivers,
     "The parties a holder may pass a part on to, found by name: q, part, limit",
     OP("listReceivers"), LIST(fb_wire_party_name), QUERY(fb_wire_receivers_query)},
    {"POST", "/v1/facilities", BANK, true, false, fb__api_post_facilities,
     "Approve up to 1,000 facilities", OP("createFacilities"),
     BATCH(fb_wire_facility, FB_PARTY_BATCH_MAX), LIST(fb_wire_facility_result)},
    {"GET", "/v1/facilities/{id}", READERS | ENTERPRISE, false, false, fb__api_get_facility,
     "A facility", OP("getFacility"), ONE(fb_wire_facility)},
    {"POST", "/v1/facilities/{id}/changes", BANK, true, false, fb__api_facility_change,
     "A change in a facility's life: renew, limit, freeze, unfreeze or close", OP("changeFacility"),
     BODY(fb_wire_facility_change), ONE(fb_wire_facility_change_result),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans", BANK, true, false, fb__api_post_loans, "Draw up to 1,000 loans",
     OP("createLoans"), BATCH(fb_wire_loan, FB_PARTY_BATCH_MAX), LIST(fb_wire_loan_result)},
    {"GET", "/v1/loans/{id}", READERS | ENTERPRISE | GUARANTOR, false, false, fb__api_get_loan,
     "A loan and what it owes", OP("getLoan"), ONE(fb_wire_loan)},
    {"GET", "/v1/loans/{id}/schedule", READERS | ENTERPRISE | GUARANTOR, false, false,
     fb__api_loan_schedule, "A loan's schedule", OP("getLoanSchedule"), ONE(fb_wire_schedule)},
    {"POST", "/v1/loans/{id}/repayments", BANK, true, false, fb__api_loan_repay,
     "A repayment from the borrower's deposit account: amount, date, prepay, id",
     OP("createRepayment"), BODY(fb_wire_repayment), ONE(fb_wire_servicing),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/write-off", BANK, true, false, fb__api_loan_write_off,
     "Write off a loss loan", OP("writeOffLoan"), BODY(fb_wire_write_off), ONE(fb_wire_servicing),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/recoveries", BANK, true, false, fb__api_loan_recover,
     "A recovery on a written-off loan", OP("createRecovery"), BODY(fb_wire_recovery),
     ONE(fb_wire_servicing), .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/extensions", BANK, true, false, fb__api_loan_extend,
     "Extend a loan (展期) within 贷款通则's limits", OP("extendLoan"), BODY(fb_wire_extension),
     ONE(fb_wire_change_result), .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/restructurings", BANK, true, false, fb__api_loan_restructure,
     "Restructure a loan for a debtor in difficulty (重组): term, rate, capitalised interest",
     OP("restructureLoan"), BODY(fb_wire_restructuring), ONE(fb_wire_change_result),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/renewals", BANK, true, false, fb__api_loan_renew,
     "Renew a small-micro loan without repaying principal (无还本续贷), or refinance it (借新还旧)",
     OP("renewLoan"), BODY(fb_wire_renewal), ONE(fb_wire_change_result),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/loans/{id}/classifications", BANK, true, false, fb__api_loan_classify,
     "An officer's classification: a downgrade with a reason, an upgrade when the rules allow",
     OP("classifyLoan"), BODY(fb_wire_classification), ONE(fb_wire_classification_result),
     .statuses = ST_201 | ST_422},
    {"GET", "/v1/loans/{id}/classes", READERS, false, false, fb__api_loan_classes,
     "A loan's history of classes (who and why) and of changes of its terms", OP("getLoanClasses"),
     ONE(fb_wire_loan_history)},
    {"POST", "/v1/eod", BANK, true, false, NULL, "Close the bank's days through a date",
     OP("runEndOfDay"), BODY(fb_wire_eod_input), ONE(fb_wire_eod_run), .steps = &fb__api_eod_steps,
     .statuses = ST_422 | ST_503},
    {"GET", "/v1/eod", READERS | R(FB_ROLE_GOVERNMENT) | ENTERPRISE | GUARANTOR, false, false,
     fb__api_eod_status, "The business date and the last day closed", OP("getEndOfDay"),
     ONE(fb_wire_eod_status)},
    {"POST", "/v1/certificates", BANK | ENTERPRISE, true, false, fb__api_post_certificates,
     "Issue up to 1,000 certificates (an enterprise as its own core)", OP("issueCertificates"),
     BATCH(fb_wire_cert_issue, FB_PARTY_BATCH_MAX), LIST(fb_wire_cert_result)},
    {"GET", "/v1/certificates", READERS, false, false, fb__api_list_certificates,
     "The latest certificates issued (roots): limit", OP("listCertificates"),
     LIST(fb_wire_certificate), QUERY(fb_wire_list_query)},
    {"GET", "/v1/certificates/{id}", READERS | ENTERPRISE, false, false, fb__api_get_certificate,
     "A certificate part", OP("getCertificate"), ONE(fb_wire_certificate)},
    {"GET", "/v1/certificates/{id}/lineage", READERS | ENTERPRISE, false, false,
     fb__api_cert_lineage, "Every part of a certificate's root (an enterprise: as its core)",
     OP("getCertificateLineage"), ONE(fb_wire_lineage)},
    {"POST", "/v1/certificates/{id}/transfers", BANK | ENTERPRISE, true, false,
     fb__api_cert_transfer, "Pass a part on (an enterprise: what it holds)",
     OP("transferCertificate"), BODY(fb_wire_cert_transfer), ONE(fb_wire_cert_result),
     .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/certificates/{id}/financings", BANK | ENTERPRISE, true, false,
     fb__api_cert_finance, "Sell a part to the bank at a discount", OP("financeCertificate"),
     BODY(fb_wire_cert_finance), ONE(fb_wire_cert_result), .statuses = ST_201 | ST_409 | ST_422},
    /* Quotes: what a move would do, decided and priced by the book as the move itself, written
     * nowhere (no audit: nothing changes). */
    {"POST", "/v1/certificates/{id}/transfers/quote", BANK | ENTERPRISE, false, false,
     fb__api_cert_transfer_quote, "What passing a part on would do, with nothing written",
     OP("quoteCertificateTransfer"), BODY(fb_wire_cert_transfer), ONE(fb_wire_cert_quote),
     .statuses = ST_409 | ST_422},
    {"POST", "/v1/certificates/{id}/financings/quote", BANK | ENTERPRISE, false, false,
     fb__api_cert_finance_quote,
     "What selling a part to the bank would do: the discount and the proceeds, nothing written",
     OP("quoteCertificateFinancing"), BODY(fb_wire_cert_finance), ONE(fb_wire_cert_quote),
     .statuses = ST_409 | ST_422},
    {"POST", "/v1/projects", BANK, true, false, fb__api_post_projects,
     "Record up to 1,000 of the province's major projects", OP("createProjects"),
     BATCH(fb_wire_project, FB_PARTY_BATCH_MAX), LIST(fb_wire_project_result)},
    {"GET", "/v1/projects", READERS | R(FB_ROLE_GOVERNMENT), false, false, fb__api_list_projects,
     "The major projects with what is approved, drawn and outstanding", OP("listProjects"),
     LIST(fb_wire_project), QUERY(fb_wire_list_query)},
    {"GET", "/v1/projects/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false, fb__api_get_project,
     "A major project: what is approved, drawn and outstanding under it", OP("getProject"),
     ONE(fb_wire_project)},
    {"POST", "/v1/agreements", BANK, true, false, fb__api_post_agreement,
     "Record a cooperation agreement with its targets", OP("createAgreement"),
     BODY(fb_wire_agreement), ONE(fb_wire_agreement_result), .statuses = ST_201 | ST_409},
    {"GET", "/v1/agreements", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_list_agreements, "The agreements the caller may see", OP("listAgreements"),
     LIST(fb_wire_agreement), QUERY(fb_wire_list_query)},
    {"GET", "/v1/agreements/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_get_agreement, "An agreement and its targets (government: its own region's)",
     OP("getAgreement"), ONE(fb_wire_agreement)},
    {"GET", "/v1/agreements/{id}/progress", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_agreement_progress, "Progress on every target on a closed day: as_of",
     OP("getAgreementProgress"), ONE(fb_wire_progress), QUERY(fb_wire_as_of_query),
     .statuses = ST_422},
    {"GET", "/v1/reports/credit", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_report_credit,
     "Credit by city, chain, line, size, class on a closed day: as_of, from, by, region",
     OP("getCreditReport"), LIST(fb_wire_report_row), QUERY(fb_wire_credit_query),
     .statuses = ST_422},
    {"GET", "/v1/reports/inclusive", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     fb__api_report_inclusive,
     "The two increases of inclusive loans since the end of the year before: as_of, region",
     OP("getTwoIncreases"), ONE(fb_wire_two_increases), QUERY(fb_wire_inclusive_query),
     .statuses = ST_422},
    {"GET", "/v1/reports/moves", READERS, false, false, fb__api_report_moves,
     "The migration of loans between classes and the migration rates: from, as_of",
     OP("getClassMoves"), ONE(fb_wire_migration), QUERY(fb_wire_moves_query), .statuses = ST_422},
    {"GET", "/v1/reports/provisions", READERS | GOVERNMENT, false, false, fb__api_report_provisions,
     "Provisions, 拨备覆盖率 and 贷款拨备率 against their floors: as_of, by (line, city), region",
     OP("getProvisions"), ONE(fb_wire_provision_report), QUERY(fb_wire_provisions_query),
     .statuses = ST_422},
    {"GET", "/v1/reports/quality", READERS | GOVERNMENT, false, false, fb__api_report_quality,
     "The book by class and its overdue loans by age: as_of, region", OP("getQuality"),
     ONE(fb_wire_quality_report), QUERY(fb_wire_quality_query), .statuses = ST_422},
    {"GET", "/v1/green-catalogue", ANY_ROLE, false, false, fb__api_green_catalogue,
     "The green catalogue the book checks green facilities by", OP("getGreenCatalogue"),
     ONE(fb_wire_green_catalogue)},
    {"GET", "/v1/reports/exposures", READERS, false, false, fb__api_report_exposures,
     "The largest borrowers by principal outstanding: limit", OP("getExposures"),
     LIST(fb_wire_exposure), QUERY(fb_wire_exposures_query)},
    /* Exports (docs/export.md): a file download, CSV or XLSX (format, or the Accept header). A
     * government user has the reports of its own region, never a borrower's record. */
    {"GET", "/v1/exports/parties", READERS, false, false, fb__api_export,
     "The parties as a CSV or XLSX file: as_of, format, region", OP("exportParties"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/facilities", READERS, false, false, fb__api_export,
     "The facilities with what is drawn and available, as a file: as_of, format, region",
     OP("exportFacilities"), QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/loans", READERS, false, false, fb__api_export,
     "Every loan and what it owes, as a file: as_of, format, region", OP("exportLoans"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/schedules", READERS, false, false, fb__api_export,
     "Every active loan's installments, as a file: as_of, format, region", OP("exportSchedules"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/certificates", READERS, false, false, fb__api_export,
     "The certificate parts outstanding, as a file: as_of, format, region",
     OP("exportCertificates"), QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/credit", READERS | GOVERNMENT, false, false, fb__api_export,
     "The credit report as a file: as_of, from, by, region, format", OP("exportCredit"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/inclusive", READERS | GOVERNMENT, false, false, fb__api_export,
     "The two increases of inclusive loans as a file: as_of, region, format", OP("exportInclusive"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/progress", READERS | GOVERNMENT, false, false, fb__api_export,
     "An agreement's progress as a file (government: its region's): agreement, as_of, format",
     OP("exportProgress"), QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/moves", READERS, false, false, fb__api_export,
     "Loans moved between classes as a file: from, as_of, format", OP("exportMoves"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/exposures", READERS, false, false, fb__api_export,
     "The largest borrowers as a file: as_of, limit, region, format", OP("exportExposures"),
     QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/quality", READERS | GOVERNMENT, false, false, fb__api_export,
     "The quality report (by class and age of arrears) as a file: as_of, region, format",
     OP("exportQuality"), QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    {"GET", "/v1/exports/provisions", READERS | GOVERNMENT, false, false, fb__api_export,
     "The provisions against their floors as a file: as_of, by (line, city), region, format",
     OP("exportProvisions"), QUERY(fb_wire_export_query), .statuses = ST_FILE | ST_422},
    /* Financing demands (docs/demands.md): an enterprise posts and withdraws its own, a
     * government those it brings for its region, the bank works the steps. */
    {"POST", "/v1/demands", BANK | ENTERPRISE | GOVERNMENT, true, false, fb__api_post_demands,
     "Post up to 1,000 financing demands (an enterprise its own; a government for its region)",
     OP("postDemands"), BATCH(fb_wire_demand, FB_DEMAND_BATCH_MAX), LIST(fb_wire_demand_result)},
    {"GET", "/v1/demands", READERS | ENTERPRISE | GOVERNMENT, false, false, fb__api_list_demands,
     "The demands the caller may see, in the order posted: status, after, limit", OP("listDemands"),
     LIST(fb_wire_demand), QUERY(fb_wire_demands_query)},
    {"GET", "/v1/demands/{id}", READERS | ENTERPRISE | GOVERNMENT, false, false, fb__api_get_demand,
     "A demand with its levels counting down and the loans drawn since", OP("getDemand"),
     ONE(fb_wire_demand)},
    {"POST", "/v1/demands/{id}/accept", BANK, true, false, fb__api_demand_accept,
     "Accept a demand to an officer", OP("acceptDemand"), BODY(fb_wire_demand_accept),
     ONE(fb_wire_demand_step_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/demands/{id}/contact", BANK, true, false, fb__api_demand_contact,
     "The enterprise was contacted: the first response", OP("contactDemand"),
     BODY(fb_wire_demand_contact), ONE(fb_wire_demand_step_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/demands/{id}/grant", BANK, true, false, fb__api_demand_grant,
     "Grant a demand on the enterprise's facility", OP("grantDemand"), BODY(fb_wire_demand_grant),
     ONE(fb_wire_demand_step_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/demands/{id}/decline", BANK, true, false, fb__api_demand_decline,
     "Decline a demand with a reason of the list", OP("declineDemand"),
     BODY(fb_wire_demand_decline), ONE(fb_wire_demand_step_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/demands/{id}/withdraw", BANK | ENTERPRISE | GOVERNMENT, true, false,
     fb__api_demand_withdraw, "Withdraw a demand (who posted it, or the bank on its word)",
     OP("withdrawDemand"), BODY(fb_wire_demand_withdraw), ONE(fb_wire_demand_step_result),
     .statuses = ST_201 | ST_422},
    {"GET", "/v1/reports/demands", READERS | GOVERNMENT, false, false, fb__api_report_demands,
     "Financing demands received in a period by city, chain, line, size: as_of, from, by, region",
     OP("getDemandsReport"), LIST(fb_wire_demand_row), QUERY(fb_wire_demands_report_query),
     .statuses = ST_422},
    /* Risk-compensation pools (docs/schemes.md): a government writes its region's, the bank
     * covers, claims and shares back. */
    {"POST", "/v1/pools", BANK | GOVERNMENT, true, false, fb__api_post_pool,
     "Create a risk-compensation pool (a government: of its region)", OP("createPool"),
     BODY(fb_wire_pool), ONE(fb_wire_pool_result), .statuses = ST_201 | ST_409 | ST_422},
    {"GET", "/v1/pools", READERS | GOVERNMENT, false, false, fb__api_list_pools,
     "The pools the caller may see, with their figures: after, limit, as_of", OP("listPools"),
     LIST(fb_wire_pool), QUERY(fb_wire_scheme_list_query), .statuses = ST_422},
    {"GET", "/v1/pools/{id}", READERS | GOVERNMENT, false, false, fb__api_get_pool,
     "A pool: balance, coverage, leverage used, claims, recoveries, covered NPL ratio",
     OP("getPool"), ONE(fb_wire_pool), QUERY(fb_wire_scheme_day_query), .statuses = ST_422},
    {"POST", "/v1/pools/{id}/funding", BANK | GOVERNMENT, true, false, fb__api_pool_fund,
     "Fund a pool (a government: its own)", OP("fundPool"), BODY(fb_wire_pool_fund),
     ONE(fb_wire_pool_act_result), .statuses = ST_201 | ST_409 | ST_422},
    {"POST", "/v1/pools/{id}/cover", BANK, true, false, fb__api_pool_cover,
     "Cover a loan under a pool: its eligibility, borrower cap, leverage cap and suspension",
     OP("coverPoolLoan"), BODY(fb_wire_pool_loan), ONE(fb_wire_pool_act_result),
     .statuses = ST_201 | ST_422},
    {"POST", "/v1/pools/{id}/claims", BANK, true, false, fb__api_pool_claim,
     "Claim the pool's share of a covered loan's principal loss", OP("claimPool"),
     BODY(fb_wire_pool_loan), ONE(fb_wire_pool_act_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/pools/{id}/share-backs", BANK, true, false, fb__api_pool_share_back,
     "Return the pool's share of what was recovered since its claim", OP("shareBackPool"),
     BODY(fb_wire_pool_loan), ONE(fb_wire_pool_act_result), .statuses = ST_201 | ST_422},
    /* Interest subsidies (docs/schemes.md): a government writes its region's schemes, decides
     * each claim's lines and pays; the bank enrols loans and claims quarters. */
    {"POST", "/v1/subsidies", BANK | GOVERNMENT, true, false, fb__api_post_subsidy,
     "Create an interest-subsidy scheme (a government: of its region)", OP("createSubsidy"),
     BODY(fb_wire_subsidy), ONE(fb_wire_subsidy_result), .statuses = ST_201 | ST_409 | ST_422},
    {"GET", "/v1/subsidies/{id}", READERS | GOVERNMENT, false, false, fb__api_get_subsidy,
     "A subsidy scheme: enrolled, committed, accrued, receivable, paid, budget left",
     OP("getSubsidy"), ONE(fb_wire_subsidy), QUERY(fb_wire_scheme_day_query), .statuses = ST_422},
    {"POST", "/v1/subsidies/{id}/enrolments", BANK, true, false, fb__api_subsidy_enrol,
     "Enrol a loan: its eligibility, the borrower's cap and the budget left", OP("enrolSubsidy"),
     BODY(fb_wire_subsidy_enrol), ONE(fb_wire_subsidy_act_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/subsidies/{id}/claims", BANK, true, false, fb__api_subsidy_claim,
     "Claim a closed quarter: every loan with its days and amount", OP("claimSubsidy"),
     BODY(fb_wire_subsidy_claim), ONE(fb_wire_subsidy_act_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/subsidies/{id}/decisions", BANK | GOVERNMENT, true, false, fb__api_subsidy_decide,
     "Approve or reject a claim's line (the government)", OP("decideSubsidy"),
     BODY(fb_wire_subsidy_decide), ONE(fb_wire_subsidy_act_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/subsidies/{id}/payments", BANK | GOVERNMENT, true, false, fb__api_subsidy_pay,
     "Pay a decided claim: clears the receivable", OP("paySubsidy"), BODY(fb_wire_subsidy_claim),
     ONE(fb_wire_subsidy_act_result), .statuses = ST_201 | ST_422},
    /* Government financing guarantees (docs/schemes.md): the bank's records. */
    {"POST", "/v1/guarantees", BANK, true, false, fb__api_post_guarantee,
     "Record a financing guarantee of a loan and its risk-sharing split", OP("createGuarantee"),
     BODY(fb_wire_guarantee), ONE(fb_wire_guarantee_result), .statuses = ST_201 | ST_409 | ST_422},
    {"GET", "/v1/guarantees", READERS | GUARANTOR, false, false, fb__api_list_guarantees,
     "The guarantees the caller may see (a guarantor: its company's), with their claims",
     OP("listGuarantees"), LIST(fb_wire_guarantee), QUERY(fb_wire_list_query)},
    {"GET", "/v1/guarantees/{id}", READERS | GUARANTOR, false, false, fb__api_get_guarantee,
     "A guarantee: the bank's net exposure, the claim, what each guarantor owes and paid",
     OP("getGuarantee"), ONE(fb_wire_guarantee)},
    {"POST", "/v1/guarantees/{id}/claims", BANK, true, false, fb__api_guarantee_claim,
     "Claim on a defaulted guaranteed loan: each guarantor's part (代偿) becomes owed",
     OP("claimGuarantee"), BODY(fb_wire_guarantee_claim), ONE(fb_wire_guarantee_act_result),
     .statuses = ST_201 | ST_422},
    {"POST", "/v1/guarantees/{id}/payments", BANK, true, false, fb__api_guarantee_pay,
     "A guarantor pays its part of the claim", OP("payGuarantee"), BODY(fb_wire_guarantee_pay),
     ONE(fb_wire_guarantee_act_result), .statuses = ST_201 | ST_422},
    {"POST", "/v1/guarantees/{id}/share-backs", BANK, true, false, fb__api_guarantee_share_back,
     "Share what was recovered since the claim back to the guarantors, as each paid",
     OP("shareBackGuarantee"), BODY(fb_wire_guarantee_claim), ONE(fb_wire_guarantee_act_result),
     .statuses = ST_201 | ST_422},
    {"POST", "/v1/guarantees/{id}/fees", BANK, true, false, fb__api_guarantee_fee,
     "Charge the guarantee's year of fee: the borrower's deposit to the guarantee company's",
     OP("chargeGuaranteeFee"), BODY(fb_wire_guarantee_claim), ONE(fb_wire_guarantee_act_result),
     .statuses = ST_201 | ST_422},
    /* What the dashboard reads of the schemes (docs/schemes.md): a government its region's. */
    {"GET", "/v1/subsidies", READERS | GOVERNMENT, false, false, fb__api_list_subsidies,
     "The subsidy schemes the caller may see, with their figures: after, limit, as_of",
     OP("listSubsidies"), LIST(fb_wire_subsidy), QUERY(fb_wire_scheme_list_query),
     .statuses = ST_422},
    {"GET", "/v1/subsidies/{id}/claims", READERS | GOVERNMENT, false, false, fb__api_subsidy_claims,
     "A scheme's claims by quarter: lines decided, amounts, paid", OP("listSubsidyClaims"),
     LIST(fb_wire_subsidy_claim_row)},
    {"GET", "/v1/subsidies/{id}/lines", READERS | GOVERNMENT, false, false,
     fb__api_subsidy_claim_lines,
     "A quarter's claim's lines: days, amount, decision, the borrower's size, line and city (a "
     "government: its region's schemes, a small borrower's loan withheld)",
     OP("listSubsidyLines"), LIST(fb_wire_subsidy_line_view), QUERY(fb_wire_subsidy_lines_query)},
    {"GET", "/v1/reports/guarantees", READERS | GOVERNMENT, false, false, fb__api_report_guarantees,
     "Guarantees by the borrowers' city: guaranteed balance, net exposure, guarantors' parts",
     OP("getGuaranteesReport"), LIST(fb_wire_guarantee_row), QUERY(fb_wire_scheme_day_query),
     .statuses = ST_422},
    /* What a guarantee company and an enterprise read of their own (docs/schemes.md). */
    {"GET", "/v1/guarantors/{id}", READERS | GUARANTOR, false, false, fb__api_get_guarantor,
     "A guarantee company's figures: loans, part guaranteed, its share, fees, claims, paid",
     OP("getGuarantor"), ONE(fb_wire_guarantor_summary)},
    {"GET", "/v1/parties/{id}/subsidies", READERS | ENTERPRISE, false, false,
     fb__api_party_subsidies, "A party's loans in interest-subsidy schemes: received, pending",
     OP("listPartySubsidies"), LIST(fb_wire_party_subsidy)},
    {"POST", "/v1/calendar", BANK, true, false, fb__api_post_calendar,
     "Load a year's holiday notice (as finbridge calendar load)", OP("loadCalendarYear"),
     BODY(fb_wire_calendar_year), ONE(fb_wire_calendar_result), .statuses = ST_201 | ST_409},
    {"GET", "/v1/calendar/{id}", ANY_ROLE, false, false, fb__api_get_calendar,
     "A year's holiday notice: the days off and the weekend days worked", OP("getCalendarYear"),
     ONE(fb_wire_calendar_year)},
    {"GET", "/v1/schedule", ANY_ROLE, false, false, fb__api_schedule,
     "The repayment calculator: principal, rate, months, method, start, day_count",
     OP("getSchedule"), ONE(fb_wire_schedule), QUERY(fb_wire_schedule_query)},
    {"POST", "/v1/parties/{id}/credit-reports", BANK, true, false, fb__api_credit_report,
     "A debtor's debts at all banks as its credit report shows them (征信): the cross-bank floors",
     OP("createCreditReport"), BODY(fb_wire_credit_report), ONE(fb_wire_credit_result),
     .statuses = ST_201 | ST_409 | ST_422},
};

const size_t fb_routes_count = sizeof fb_routes / sizeof fb_routes[0];

/* ---- The OpenAPI document ------------------------------------------------------------------- */

#define SCHEMAS "#/components/schemas/"

/* The resources, as the document's tags: the path's segment after /v1/ (other paths are
 * operations), and what its {id} names. */
static const struct {
    const char *segment, *noun, *doc;
} resources[] = {
    {"accounts", "account", "The double-entry ledger's accounts and their history"},
    {"transfers", "transfer",
     "The ledger's transfers: one amount from a debit to a credit account"},
    {"parties", "party", "Borrowers and holders: enterprises and individual businesses"},
    {"facilities", "facility", "Credit facilities (授信): limits on a line of business"},
    {"loans", "loan", "Loans drawn under facilities, and their servicing"},
    {"eod", "", "End of day: accrual, collection, classification, settlement"},
    {"certificates", "certificate part", "Supply-chain payable certificates (云信)"},
    {"projects", "project", "The province's major projects"},
    {"agreements", "agreement", "Cooperation agreements with their targets and progress"},
    {"demands", "demand", "Financing demands (融资需求) and the bank's answer"},
    {"calendar", "year", "Working days: the State Council's holiday notices"},
    {"pools", "pool",
     "Risk-compensation pools (风险补偿资金池): a government's scheme at the bank"},
    {"subsidies", "subsidy scheme", "Interest subsidies (财政贴息): a government's scheme"},
    {"guarantees", "guarantee", "Government financing guarantees (政府性融资担保) of loans"},
    {"reports", "", "Reports from the running aggregates"},
    {"exports", "", "The records and reports as CSV or XLSX files"},
    {"schedule", "", "The repayment calculator"},
    {"green-catalogue", "", "绿色金融支持项目目录（2025年版）, as the book holds it"},
    {"session", "", "The dashboard's login"},
    {"me", "", "The caller"},
    {"operations", "", "Health, metrics and this document"},
};
#define RESOURCES (sizeof resources / sizeof resources[0])

static size_t resource_of(const char *pattern) {
    for (size_t i = 0; strncmp(pattern, "/v1/", 4) == 0 && i < RESOURCES; i++) {
        size_t n = strlen(resources[i].segment);
        if (strncmp(pattern + 4, resources[i].segment, n) == 0 &&
            (pattern[4 + n] == '/' || pattern[4 + n] == 0)) {
            return i;
        }
    }
    return RESOURCES - 1;
}

/* The route's operationId: its column, or one made of the method and the path's words. */
static json_t *operation_id(const route *rt) {
    if (rt->operation_id) return json_string(rt->operation_id);
    char id[160];
    size_t at = 0;
    for (const char *p = rt->method; *p && at + 1 < sizeof id; p++)
        id[at++] = (char)tolower((unsigned char)*p);
    bool upper = true;
    for (const char *p = rt->pattern; *p && at + 1 < sizeof id; p++) {
        if (!isalnum((unsigned char)*p)) {
            upper = true;
        } else {
            id[at++] = (char)(upper ? toupper((unsigned char)*p) : *p);
            upper = false;
        }
    }
    id[at] = 0;
    return json_string(id);
}

static json_t *parameters(const route *rt) {
    json_t *params = json_array();
    if (strchr(rt->pattern, '{')) {
        const char *noun = resources[resource_of(rt->pattern)].noun;
        char doc[96];
        snprintf(doc, sizeof doc, "The %s's id", noun[0] ? noun : "record");
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "id", "in",
                                                "path", "required", 1, "description", doc, "schema",
                                                "type", "string"));
    }
    for (size_t i = 0; rt->query && i < rt->query->n_fields; i++) {
        const fb_wire_field *f = &rt->query->fields[i];
        json_t *schema = fb_wire_field_schema(f, true, SCHEMAS);
        json_t *doc = json_incref(json_object_get(schema, "description"));
        json_object_del(schema, "description");
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:b, s:o, s:o}", "name", f->name, "in", "query",
                                        "required", (f->flags & FB_WF_REQUIRED) != 0, "description",
                                        doc, "schema", schema));
    }
    return params;
}

static json_t *schema_of(const fb_wire_record *r, bool input, bool list, unsigned max) {
    char ref[160];
    snprintf(ref, sizeof ref, SCHEMAS "%s%s", r->name, input ? "Input" : "");
    json_t *one = json_pack("{s:s}", "$ref", ref);
    if (!list) return one;
    json_t *a = json_pack("{s:s, s:o}", "type", "array", "items", one);
    if (max) {
        json_object_set_new(a, "minItems", json_integer(1));
        json_object_set_new(a, "maxItems", json_integer(max));
    }
    return a;
}

static json_t *request_body(const route *rt) {
    json_t *schema = schema_of(rt->body, true, rt->body_max > 0, rt->body_max);
    char doc[200];
    if (rt->body_max) {
        snprintf(doc, sizeof doc, "An array of 1 to %u %ss, each as the command line reads a line",
                 rt->body_max, rt->body->name);
    } else {
        snprintf(doc, sizeof doc, "%s", rt->body->doc);
    }
    return json_pack("{s:b, s:s, s:{s:{s:o}}}", "required", 1, "description", doc, "content",
                     "application/json", "schema", schema);
}

static json_t *answer(const route *rt, const char *doc) {
    json_t *a = json_pack("{s:s}", "description", doc);
    json_t *schema = rt->answer ? schema_of(rt->answer, false, rt->answer_list, 0)
                                : json_pack("{s:s}", "type", "object");
    const char *type = "application/json";
    if (rt->statuses & ST_TEXT) {
        json_decref(schema);
        schema = json_pack("{s:s}", "type", "string");
        type = "text/plain";
    }
    if (rt->statuses & ST_FILE) {
        json_decref(schema);
        json_object_set_new(a, "content",
                            json_pack("{s:{s:{s:s}}, s:{s:{s:s, s:s}}}", "text/csv", "schema",
                                      "type", "string",
                                      "application/vnd.openxmlformats-officedocument."
                                      "spreadsheetml.sheet",
                                      "schema", "type", "string", "format", "binary"));
        return a;
    }
    json_object_set_new(a, "content", json_pack("{s:{s:o}}", type, "schema", schema));
    return a;
}

/* A problem answer by reference to components/responses. */
static void problem(json_t *responses, const char *status, const char *name) {
    char ref[96];
    snprintf(ref, sizeof ref, "#/components/responses/%s", name);
    json_object_set_new(responses, status, json_pack("{s:s}", "$ref", ref));
}

static json_t *responses(const route *rt) {
    json_t *out = json_object();
    bool secured = !(rt->roles & NO_AUTH), path = strchr(rt->pattern, '{') != NULL;
    if (rt->statuses & ST_201) {
        char doc[240];
        snprintf(doc, sizeof doc, "Created: %s", rt->summary);
        json_object_set_new(out, "201", answer(rt, doc));
        json_object_set_new(out, "200", answer(rt, "Found again: the same was created before"));
    } else {
        json_object_set_new(out, "200", answer(rt, rt->summary));
    }
    if (rt->body || rt->query || path) problem(out, "400", "BadRequest");
    if (secured || (rt->statuses & ST_401)) problem(out, "401", "Unauthorized");
    if (secured) problem(out, "403", "Forbidden");
    if (path) problem(out, "404", "NotFound");
    if (rt->statuses & ST_409) problem(out, "409", "Conflict");
    if (rt->body) problem(out, "413", "ContentTooLarge");
    if (rt->statuses & ST_422) problem(out, "422", "UnprocessableContent");
    if (rt->statuses & ST_429) problem(out, "429", "TooManyRequests");
    if (rt->statuses & ST_503) problem(out, "503", "Stopped");
    problem(out, "default", "ServerError");
    return out;
}

static json_t *operation(const route *rt) {
    json_t *op = json_object(), *roles = json_array();
    json_object_set_new(op, "operationId", operation_id(rt));
    json_object_set_new(op, "summary", json_string(rt->summary));
    json_object_set_new(op, "tags", json_pack("[s]", resources[resource_of(rt->pattern)].segment));
    for (int k = 0; k < FB_ROLE_COUNT_; k++) {
        if (rt->roles & R(k)) json_array_append_new(roles, json_string(fb_role_name((fb_role)k)));
    }
    json_object_set_new(op, "x-roles", roles);
    /* A token, or the dashboard's session cookie; none for the open routes. */
    json_object_set_new(op, "security",
                        rt->roles & NO_AUTH ? json_array()
                                            : json_pack("[{s:[]}, {s:[]}]", "bearer", "session"));
    json_t *params = parameters(rt);
    if (json_array_size(params)) {
        json_object_set_new(op, "parameters", params);
    } else {
        json_decref(params);
    }
    if (rt->body) json_object_set_new(op, "requestBody", request_body(rt));
    json_object_set_new(op, "responses", responses(rt));
    return op;
}

static json_t *components(void) {
    json_t *schemas = json_object();
    for (size_t i = 0; fb_wire_records[i]; i++) {
        const fb_wire_record *r = fb_wire_records[i];
        char name[96];
        if (fb_wire_has_input(r)) {
            snprintf(name, sizeof name, "%sInput", r->name);
            json_object_set_new(schemas, name, fb_wire_schema(r, true, SCHEMAS));
        }
        if (fb_wire_has_output(r))
            json_object_set_new(schemas, r->name, fb_wire_schema(r, false, SCHEMAS));
    }
    static const char *const problems[][2] = {
        {"BadRequest", "The request is malformed or a field is invalid (field names it); nothing "
                       "was written"},
        {"Unauthorized", "No token or session, or not a valid one"},
        {"Forbidden", "The caller's role may not do this"},
        {"NotFound", "No such record, or none the caller may see"},
        {"Conflict", "The id was used before with other content"},
        {"ContentTooLarge", "The body is over the server's limit, or holds too many events"},
        {"UnprocessableContent", "A business refusal (its title names the result), or no figures "
                                 "on that day"},
        {"TooManyRequests", "Too many failed logins: try again later"},
        {"Stopped", "The server is stopping: what was done before it stopped stays done (end of "
                    "day: the days closed, between two days; detail names them and the business "
                    "date), and the request may be sent again for the rest"},
        {"ServerError", "The server failed (500) or the book cannot be opened (503)"},
    };
    json_t *responses = json_object();
    for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++) {
        json_object_set_new(responses, problems[i][0],
                            json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", problems[i][1],
                                      "content", "application/problem+json", "schema", "$ref",
                                      SCHEMAS "Problem"));
    }
    json_t *security = json_pack(
        "{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}", "bearer", "type", "http", "scheme", "bearer",
        "description", "A user's API token (finbridge users add prints it once)", "session", "type",
        "apiKey", "in", "cookie", "name", "fb_session", "description",
        "The dashboard's session (POST /v1/session); a write also needs X-Requested-With: "
        "finbridge");
    return json_pack("{s:o, s:o, s:o}", "schemas", schemas, "responses", responses,
                     "securitySchemes", security);
}

json_t *fb_openapi(void) {
    json_t *doc = json_object(), *paths = json_object(), *tags = json_array();
    json_object_set_new(doc, "openapi", json_string("3.1.0"));
    json_object_set_new(
        doc, "info",
        json_pack("{s:s, s:s, s:s}", "title", "finbridge", "version", "0.1.0", "description",
                  "The books and dashboard of a bank–province credit cooperation: a double-entry "
                  "ledger, loans, supply-chain certificates and the cooperation's reports. "
                  "Amounts are strings of yuan, rates strings of percent, dates YYYY-MM-DD; each "
                  "record's fields are in docs/records.md."));
    json_object_set_new(doc, "servers",
                        json_pack("[{s:s, s:s}]", "url", "http://127.0.0.1:8080", "description",
                                  "finbridge serve's default address"));
    for (size_t i = 0; i < RESOURCES; i++) {
        json_array_append_new(tags, json_pack("{s:s, s:s}", "name", resources[i].segment,
                                              "description", resources[i].doc));
    }
    json_object_set_new(doc, "tags", tags);
    for (size_t i = 0; i < fb_routes_count; i++) {
        const route *rt = &fb_routes[i];
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        char method[8];
        size_t k = 0;
        for (; rt->method[k] && k < sizeof method - 1; k++)
            method[k] = (char)tolower((unsigned char)rt->method[k]);
        method[k] = 0;
        json_object_set_new(item, method, operation(rt));
    }
    json_object_set_new(doc, "paths", paths);
    json_object_set_new(doc, "components", components());
    return doc;
}

char *fb_openapi_text(void) {
    json_t *doc = fb_openapi();
    char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    json_decref(doc);
    return text;
}
