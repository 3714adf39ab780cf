/* scheme_own_json.h — JSON of what a guarantee company and an enterprise read of their own in the
 * government's schemes (records_scheme_own.c). Every encoder returns a new object the caller
 * owns. */
#ifndef FB_WIRE_SCHEME_OWN_H
#define FB_WIRE_SCHEME_OWN_H

#include "wire/view_json.h"

json_t *fb_json_encode_guarantor_summary(const fb_guarantor_summary *s);
json_t *fb_json_encode_party_subsidy(const fb_party_subsidy *p);

#endif
