/* api_json.h — request bodies of the API (api_json.c). */
#ifndef FB_WIRE_API_H
#define FB_WIRE_API_H

#include "wire/ledger_json.h"

/* Decodes one event from text[0..len) into out, as a command-line line is read. */
typedef int fb_json_element_fn(const char *text, size_t len, void *out, fb_json_error *err);

/* Decodes a body that is a JSON array of 1..max events of `size` bytes each into a new array
 * (*out, freed by the caller). FB_EINVAL with err (field "[i].name" for the event at fault),
 * FB_ELIMIT for more than max events, FB_ENOMEM. Nothing is kept on failure. */
int fb_json_decode_events(const char *body, size_t len, size_t max, size_t size,
                          fb_json_element_fn *fn, void **out, size_t *n, fb_json_error *err);

#endif
