/* api_json.c — request bodies of the API: a JSON array of events, each read by the decoder the
 * command line uses for a line. */
#include <stdlib.h>
#include <string.h>

#include "wire/api_json.h"

static int refuse(fb_json_error *err, const char *field, const char *reason) {
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->reason, sizeof err->reason, "%s", reason);
    return FB_EINVAL;
}

int fb_json_decode_events(const char *body, size_t len, size_t max, size_t size,
                          fb_json_element_fn *fn, void **out, size_t *n, fb_json_error *err) {
    *out = NULL;
    *n = 0;
    memset(err, 0, sizeof *err);
    json_error_t jerr;
    json_t *a = len ? json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!a && len) {
        char why[200]; /* jansson's reason (a duplicate key, invalid UTF-8, a syntax error) */
        snprintf(why, sizeof why, "is not valid JSON: %s (column %d)", jerr.text, jerr.column);
        return refuse(err, "", why);
    }
    if (!a) return refuse(err, "", "the request needs a JSON body");
    if (!json_is_array(a)) {
        json_decref(a);
        return refuse(err, "", "the body must be a JSON array of events");
    }
    size_t count = json_array_size(a);
    if (count == 0 || count > max) {
        json_decref(a);
        snprintf(err->reason, sizeof err->reason, "send 1 to %zu events, not %zu", max, count);
        return count ? FB_ELIMIT : FB_EINVAL;
    }
    char *v = calloc(count, size);
    int rc = v ? FB_OK : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < count; i++) {
        char *text = json_dumps(json_array_get(a, i), JSON_COMPACT | JSON_ENCODE_ANY);
        fb_json_error e;
        memset(&e, 0, sizeof e);
        rc = text ? fn(text, strlen(text), v + i * size, &e) : FB_ENOMEM;
        free(text);
        if (rc == FB_EINVAL) {
            /* Each part cut to what fits; then cut at a character boundary. */
            snprintf(err->field, sizeof err->field, "[%zu].%.*s", i, FB_FIELD_NAME_MAX - 24,
                     e.field);
            snprintf(err->reason, sizeof err->reason, "event %zu: %.*s %.*s", i, 40, e.field,
                     (int)sizeof err->reason - 72, e.reason);
            fb_text_cut(err->field, sizeof err->field);
            fb_text_cut(err->reason, sizeof err->reason);
        }
    }
    json_decref(a);
    if (rc) {
        free(v);
        return rc;
    }
    *out = v;
    *n = count;
    return FB_OK;
}
