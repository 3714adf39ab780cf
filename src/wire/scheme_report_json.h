/* scheme_report_json.h — JSON of what the dashboard reads of the schemes (records_scheme_report.c):
 * a subsidy scheme's claim of a quarter and a row of the guarantees by city. A figure hidden from
 * a government is null. Every encoder returns a new object the caller owns. */
#ifndef FB_WIRE_SCHEME_REPORT_H
#define FB_WIRE_SCHEME_REPORT_H

#include "wire/view_json.h"

json_t *fb_json_encode_subsidy_claim_row(const fb_subsidy_claim_row *r);
json_t *fb_json_encode_guarantee_row(const fb_guarantee_row *r);

#endif
