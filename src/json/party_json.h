/* party_json.h — JSON for parties, shared by the command line and the API. */
#ifndef FB_JSON_PARTY_H
#define FB_JSON_PARTY_H

#include "json/ledger_json.h"

/* Decodes a party's given fields from text[0..len) (the derived ones come from
 * fb_party_prepare). FB_EINVAL with err. */
int fb_json_decode_party(const char *text, size_t len, fb_party *out, fb_json_error *err);
/* Encodes a party with its derived fields and their rules. */
json_t *fb_json_encode_party(const fb_party *p);

#endif
