/* subsidy_lines_json.h — JSON of a claim's line as read (records_subsidy_lines.c): the loan
 * absent when it is withheld from a government. The encoder returns a new object. */
#ifndef FB_WIRE_SUBSIDY_LINES_JSON_H
#define FB_WIRE_SUBSIDY_LINES_JSON_H

#include "wire/view_json.h"

json_t *fb_json_encode_subsidy_line_view(const fb_subsidy_line_view *v);

#endif
