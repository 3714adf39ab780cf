/* subsidy_json.h — JSON of interest subsidies, for both doors: the decoders read by the tables of
 * records_subsidy.c, the encoders write what they list. Every encoder returns a new object the
 * caller owns. */
#ifndef FB_WIRE_SUBSIDY_H
#define FB_WIRE_SUBSIDY_H

#include "wire/view_json.h"

/* A scheme (Subsidy): decoded, then checked (fb_subsidy_check). */
int fb_json_read_subsidy(const char *text, size_t len, fb_subsidy *out, fb_json_error *err);
/* What creating one did (SubsidyResult): into a result line (fb_subsidy, its outcome), or new. */
fb_json_result_fn fb_json_subsidy_result;
json_t *fb_json_encode_subsidy_result(const fb_subsidy *v, const fb_subsidy_outcome *o);
json_t *fb_json_encode_subsidy(const fb_subsidy_view *v);
/* An act's body (SubsidyEnrol, SubsidyClaim for claim and pay, SubsidyDecide) into out, whose
 * scheme the caller set. */
int fb_json_read_subsidy_act(const char *text, size_t len, fb_subsidy_act_kind kind,
                             fb_subsidy_act *out, fb_json_error *err);
/* What an act did (SubsidyActResult); a claim's lines (n of them) when it is one. */
json_t *fb_json_encode_subsidy_act(const fb_subsidy_act *a, const fb_subsidy_outcome *o,
                                   const fb_subsidy_line *lines, size_t n);

#endif
