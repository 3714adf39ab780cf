/* demand_json.h — JSON of financing demands and the working-day calendar, for both doors: the
 * decoders read by the tables of records_demand.c and records_demand_report.c, the encoders write
 * what they list. Every encoder returns a new object the caller owns. */
#ifndef FB_WIRE_DEMAND_H
#define FB_WIRE_DEMAND_H

#include "wire/view_json.h"

/* A demand as one event of a post (Demand): decoded, then checked (fb_demand_check). FB_EINVAL
 * with err naming the field. An fb_json_element_fn. */
int fb_json_read_demand(const char *text, size_t len, void *out, fb_json_error *err);
/* A post's result line (DemandResult): record an fb_demand, outcome an fb_demand_outcome. */
fb_json_result_fn fb_json_demand_result;

/* The body of a step (DemandAccept, DemandContact, DemandGrant, DemandDecline, DemandWithdraw)
 * into out, whose demand the caller set: decoded, then checked. */
int fb_json_read_demand_step(const char *text, size_t len, fb_demand_status step,
                             fb_demand_step *out, fb_json_error *err);
/* What a step did (DemandStepResult): status is the demand's afterwards. */
json_t *fb_json_encode_demand_step(const fb_demand_step *s, fb_demand_result r,
                                   fb_demand_status status);

/* A demand as read (Demand). government: as a government user sees it (no facility, no loans);
 * loans (may be NULL) the ids of the loans drawn under it, for a demand read alone. */
json_t *fb_json_encode_demand(const fb_demand_view *v, bool government, const fb_list_id *loans,
                              size_t n_loans);

/* A row of the demands' measures (DemandRow): a hidden row's figures are null and it says
 * "suppressed": true. */
json_t *fb_json_encode_demand_row(const fb_demand_row *r);

/* A year's holiday notice (CalendarYear): decoded (not yet checked), and written. */
int fb_json_read_calendar_year(const char *text, size_t len, fb_calendar_year *out,
                               fb_json_error *err);
json_t *fb_json_encode_calendar_year(const fb_calendar_year *y, bool shipped);
/* What loading one did (CalendarResult), on line. */
void fb_json_calendar_result(json_t *line, int year, fb_calendar_result r);

#endif
