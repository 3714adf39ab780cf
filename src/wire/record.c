/* record.c — see record.h: decoding by a record's table, checking an output against it, and its
 * JSON Schema. (docs/records.md is written by record_doc.c.) */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/record.h"

const char *fb_wire_value(const fb_wire_values *v, int i) {
    FB_ASSERT(v != NULL && v->name != NULL);
    if (i < 0 || i >= FB_WIRE_VALUES_MAX) return NULL;
    /* Every name up to i must be defined: the list ends at the first gap. */
    for (int k = v->first; k <= v->first + i; k++) {
        const char *s = v->name(k);
        if (!s || strcmp(s, "unknown") == 0) return NULL;
    }
    return v->name(v->first + i);
}

const fb_wire_record *fb_wire_record_named(const char *name) {
    for (size_t i = 0; fb_wire_records[i]; i++) {
        if (strcmp(fb_wire_records[i]->name, name) == 0) return fb_wire_records[i];
    }
    return NULL;
}

const fb_wire_field *fb_wire_field_named(const fb_wire_record *r, const char *name) {
    FB_ASSERT(r != NULL && name != NULL);
    for (size_t i = 0; i < r->n_fields; i++) {
        if (strcmp(r->fields[i].name, name) == 0) return &r->fields[i];
    }
    return NULL;
}

int fb_wire_reject(fb_json_error *err, const char *field, const char *reason) {
    snprintf(err->field, sizeof err->field, "%s", field);
    fb_text_cut(err->field, sizeof err->field);
    snprintf(err->reason, sizeof err->reason, "%s", reason);
    fb_text_cut(err->reason, sizeof err->reason);
    return FB_EINVAL;
}

/* ---- Decoding ------------------------------------------------------------------------------ */

static int read_text(const fb_wire_field *f, json_t *v, char *dst, fb_json_error *err) {
    if (!json_is_string(v)) return fb_wire_reject(err, f->name, "must be a string");
    size_t n = json_string_length(v);
    if (n >= f->size) return fb_wire_reject(err, f->name, "is too long");
    if (memchr(json_string_value(v), '\0', n)) {
        return fb_wire_reject(err, f->name, "has a NUL character");
    }
    memcpy(dst, json_string_value(v), n + 1);
    const char *why = NULL;
    if (f->type == FB_WT_ID && n > 0 && !fb_id_valid(dst, n, &why)) {
        return fb_wire_reject(err, f->name, why);
    }
    return FB_OK;
}

/* "must be a, b or c" from an enumeration's names. */
static int reject_enum(const fb_wire_field *f, fb_json_error *err) {
    char why[sizeof err->reason];
    size_t at = (size_t)snprintf(why, sizeof why, "must be ");
    const char *s;
    for (int i = 0; (s = fb_wire_value(f->values, i)) != NULL && at < sizeof why; i++) {
        const char *sep = i == 0 ? "" : fb_wire_value(f->values, i + 1) ? ", " : " or ";
        at += (size_t)snprintf(why + at, sizeof why - at, "%s%s", sep, s);
    }
    return fb_wire_reject(err, f->name, why);
}

static int read_enum(const fb_wire_field *f, json_t *v, int *dst, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    const char *name;
    for (int i = 0; s && (name = fb_wire_value(f->values, i)) != NULL; i++) {
        if (strcmp(s, name) == 0) {
            *dst = f->values->first + i;
            return FB_OK;
        }
    }
    return reject_enum(f, err);
}

static int read_integer(const fb_wire_field *f, json_t *v, void *dst, fb_json_error *err) {
    json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
    if (!json_is_integer(v) || (f->max > f->min && (n < f->min || n > f->max))) {
        char why[96];
        if (f->max > f->min) {
            snprintf(why, sizeof why, "must be a whole number from %lld to %lld", f->min, f->max);
        } else {
            snprintf(why, sizeof why, "must be a whole number");
        }
        return fb_wire_reject(err, f->name, why);
    }
    if (f->size == sizeof(int64_t)) {
        int64_t x = (int64_t)n;
        memcpy(dst, &x, sizeof x);
    } else {
        FB_ASSERT(f->size == sizeof(int32_t) && f->max > f->min && f->min >= INT32_MIN &&
                  f->max <= INT32_MAX);
        int32_t x = (int32_t)n;
        memcpy(dst, &x, sizeof x);
    }
    return FB_OK;
}

int fb_wire_read_value(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    FB_ASSERT(f != NULL && record != NULL && f->size > 0);
    char *dst = (char *)record + f->offset;
    const char *why = NULL;
    switch (f->in_type ? f->in_type : f->type) {
    case FB_WT_STRING:
    case FB_WT_ID:
    case FB_WT_CODE: return read_text(f, v, dst, err);
    case FB_WT_MONEY: {
        FB_ASSERT(f->size == sizeof(int64_t));
        int64_t fen = 0;
        if (!json_is_string(v)) {
            return fb_wire_reject(err, f->name, "must be a string of yuan such as \"1234.56\"");
        }
        if (fb_money_parse(json_string_value(v), json_string_length(v), &fen, &why)) {
            return fb_wire_reject(err, f->name, why);
        }
        memcpy(dst, &fen, sizeof fen);
        return FB_OK;
    }
    case FB_WT_PERCENT: {
        FB_ASSERT(f->size == sizeof(int64_t));
        int64_t e6 = 0;
        if (!json_is_string(v)) {
            return fb_wire_reject(err, f->name, "must be a percentage string such as \"4.35\"");
        }
        if (fb_rate_parse(json_string_value(v), &e6, &why))
            return fb_wire_reject(err, f->name, why);
        memcpy(dst, &e6, sizeof e6);
        return FB_OK;
    }
    case FB_WT_DATE: {
        FB_ASSERT(f->size == sizeof(int32_t));
        int32_t d = 0;
        if (!json_is_string(v)) return fb_wire_reject(err, f->name, "must be a date YYYY-MM-DD");
        if (fb_date_parse(json_string_value(v), &d, &why)) return fb_wire_reject(err, f->name, why);
        memcpy(dst, &d, sizeof d);
        return FB_OK;
    }
    case FB_WT_INTEGER: return read_integer(f, v, dst, err);
    case FB_WT_BOOLEAN: {
        FB_ASSERT(f->size == sizeof(bool));
        if (!json_is_boolean(v)) return fb_wire_reject(err, f->name, "must be true or false");
        bool b = json_is_true(v);
        memcpy(dst, &b, sizeof b);
        return FB_OK;
    }
    case FB_WT_ENUM: {
        FB_ASSERT(f->size == sizeof(int) && f->values != NULL);
        int x = 0;
        if (read_enum(f, v, &x, err)) return FB_EINVAL;
        memcpy(dst, &x, sizeof x);
        return FB_OK;
    }
    default: FB_ASSERT(0 && "a field of this type needs its own reader"); return FB_EINVAL;
    }
}

int fb_wire_decode(const fb_wire_record *r, const char *text, size_t len, void *out,
                   fb_json_error *err, json_t **root) {
    FB_ASSERT(r != NULL && out != NULL && err != NULL && root != NULL);
    *root = NULL;
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) {
        /* jansson's own reason (a duplicate key, invalid UTF-8, a syntax error) and where. */
        char why[200];
        snprintf(why, sizeof why, "is not valid JSON: %s (column %d)", jerr.text, jerr.column);
        return fb_wire_reject(err, "", why);
    }
    if (!json_is_object(o)) {
        json_decref(o);
        return fb_wire_reject(err, "", "is not a JSON object");
    }
    int rc = FB_OK;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        const fb_wire_field *f = fb_wire_field_named(r, key);
        if (!f || !(f->flags & FB_WF_IN)) {
            /* The key is the caller's text: copied into err before the object is released. */
            char why[120];
            snprintf(why, sizeof why, "is not a field of %s", r->noun);
            rc = fb_wire_reject(err, key, why);
        } else {
            rc = f->read ? f->read(f, v, out, err) : fb_wire_read_value(f, v, out, err);
        }
        if (rc) break;
    }
    for (size_t i = 0; rc == FB_OK && i < r->n_fields; i++) {
        const fb_wire_field *f = &r->fields[i];
        if ((f->flags & FB_WF_REQUIRED) && !json_object_get(o, f->name)) {
            rc = fb_wire_reject(err, f->name, "is missing");
        }
    }
    if (rc) {
        json_decref(o);
        return rc;
    }
    *root = o;
    return FB_OK;
}

/* ---- Checking an output against its table --------------------------------------------------- */

static bool fail(char *why, size_t cap, const char *path, const char *reason) {
    snprintf(why, cap, "%s: %s", path[0] ? path : "(the record)", reason);
    return false;
}

/* A decimal string: an optional sign (when signed), digits, at most `decimals` decimals. */
static bool decimal(const char *s, bool sign, int decimals) {
    if (sign && *s == '-') s++;
    size_t digits = strspn(s, "0123456789");
    if (digits == 0) return false;
    s += digits;
    if (*s == 0) return true;
    if (*s++ != '.') return false;
    size_t d = strspn(s, "0123456789");
    return d >= 1 && d <= (size_t)decimals && s[d] == 0;
}

static bool check_value(const fb_wire_field *f, fb_wire_type type, json_t *v, const char *path,
                        char *why, size_t cap);

static bool check_record(const fb_wire_record *r, json_t *v, const char *path, char *why,
                         size_t cap) {
    if (!json_is_object(v)) return fail(why, cap, path, "is not an object");
    const char *key;
    json_t *x;
    char sub[256];
    json_object_foreach(v, key, x) {
        const fb_wire_field *f = fb_wire_field_named(r, key);
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", key);
        if (!f || !(f->flags & (FB_WF_OUT | FB_WF_SOMETIMES))) {
            char reason[160];
            snprintf(reason, sizeof reason, "is not an output field of %s", r->name);
            return fail(why, cap, sub, reason);
        }
        if (json_is_null(x) && (f->flags & FB_WF_NULLABLE)) continue;
        if (!check_value(f, f->type, x, sub, why, cap)) return false;
    }
    for (size_t i = 0; i < r->n_fields; i++) {
        if ((r->fields[i].flags & FB_WF_OUT) && !json_object_get(v, r->fields[i].name)) {
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", r->fields[i].name);
            return fail(why, cap, sub, "is missing (written always)");
        }
    }
    return true;
}

static bool check_value(const fb_wire_field *f, fb_wire_type type, json_t *v, const char *path,
                        char *why, size_t cap) {
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    int32_t d = 0;
    const char *reason = NULL;
    switch (type) {
    case FB_WT_STRING: return s ? true : fail(why, cap, path, "is not a string");
    case FB_WT_ID:
        return s && (!s[0] || fb_id_valid(s, strlen(s), NULL)) ? true
                                                               : fail(why, cap, path, "not an id");
    case FB_WT_MONEY:
        return s && decimal(s, true, 2) ? true : fail(why, cap, path, "is not a string of yuan");
    case FB_WT_PERCENT:
        return s && decimal(s, false, 4) ? true : fail(why, cap, path, "is not a percent string");
    case FB_WT_DATE:
        return s && fb_date_parse(s, &d, &reason) == FB_OK ? true
                                                           : fail(why, cap, path, "not a date");
    case FB_WT_TIMESTAMP:
    case FB_WT_CODE:
        return s && s[0] && strspn(s, "0123456789") == strlen(s)
                   ? true
                   : fail(why, cap, path, "is not a string of digits");
    case FB_WT_ENUM:
        for (int i = 0; s && fb_wire_value(f->values, i); i++) {
            if (strcmp(s, fb_wire_value(f->values, i)) == 0) return true;
        }
        return fail(why, cap, path, "is not one of its names");
    case FB_WT_INTEGER: return json_is_integer(v) ? true : fail(why, cap, path, "not an integer");
    case FB_WT_BOOLEAN: return json_is_boolean(v) ? true : fail(why, cap, path, "not a boolean");
    case FB_WT_MEASURE:
        return json_is_integer(v) || (s && decimal(s, false, 4))
                   ? true
                   : fail(why, cap, path, "is neither a count nor a decimal string");
    case FB_WT_RECORD: return check_record(f->record, v, path, why, cap);
    case FB_WT_ARRAY:
    case FB_WT_MAP: {
        /* Items are never arrays or maps: the recursion goes as deep as the tables, never as
         * deep as the value checked. */
        FB_ASSERT(f->item != FB_WT_ARRAY && f->item != FB_WT_MAP);
        if (type == FB_WT_ARRAY ? !json_is_array(v) : !json_is_object(v)) {
            return fail(why, cap, path, type == FB_WT_ARRAY ? "not an array" : "not an object");
        }
        char sub[256];
        size_t i;
        json_t *x;
        const char *key;
        if (type == FB_WT_ARRAY) {
            json_array_foreach(v, i, x) {
                snprintf(sub, sizeof sub, "%s[%zu]", path, i);
                if (!check_value(f, f->item, x, sub, why, cap)) return false;
            }
        } else {
            json_object_foreach(v, key, x) {
                snprintf(sub, sizeof sub, "%s.%s", path, key);
                if (!check_value(f, f->item, x, sub, why, cap)) return false;
            }
        }
        return true;
    }
    default: return fail(why, cap, path, "has a type that is not written on output");
    }
}

bool fb_wire_check_field(const fb_wire_field *f, json_t *v, char *why, size_t cap) {
    FB_ASSERT(f != NULL && why != NULL && cap > 0);
    why[0] = 0;
    if (json_is_null(v) && (f->flags & FB_WF_NULLABLE)) return true;
    return check_value(f, f->type, v, f->name, why, cap);
}

bool fb_wire_check(const fb_wire_record *r, json_t *v, char *why, size_t cap) {
    FB_ASSERT(r != NULL && why != NULL && cap > 0);
    why[0] = 0;
    return check_record(r, v, "", why, cap);
}

/* ---- JSON Schema ----------------------------------------------------------------------------- */

bool fb_wire_has_input(const fb_wire_record *r) {
    for (size_t i = 0; i < r->n_fields; i++) {
        if ((r->fields[i].flags & FB_WF_IN) && !(r->fields[i].flags & FB_WF_PATH)) return true;
    }
    return false;
}

bool fb_wire_has_output(const fb_wire_record *r) {
    for (size_t i = 0; i < r->n_fields; i++) {
        if (r->fields[i].flags & (FB_WF_OUT | FB_WF_SOMETIMES)) return true;
    }
    return false;
}

static json_t *ref(const fb_wire_record *r, bool input, const char *prefix) {
    char path[160];
    snprintf(path, sizeof path, "%s%s%s", prefix, r->name, input ? "Input" : "");
    return json_pack("{s:s}", "$ref", path);
}

static json_t *string_pattern(const char *pattern) {
    return json_pack("{s:s, s:s}", "type", "string", "pattern", pattern);
}

/* The schema of one value of type t (an item of f when t is f->item). */
static json_t *type_schema(const fb_wire_field *f, fb_wire_type t, bool input, const char *prefix) {
    switch (t) {
    case FB_WT_STRING: return json_pack("{s:s}", "type", "string");
    case FB_WT_ID: return string_pattern("^[A-Za-z0-9._:-]{1,64}$");
    case FB_WT_MONEY:
        return string_pattern(input ? "^(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$"
                                    : "^-?(0|[1-9][0-9]*)\\.[0-9]{2}$");
    case FB_WT_PERCENT: return string_pattern("^(0|[1-9][0-9]*)(\\.[0-9]{1,4})?$");
    case FB_WT_DATE: return json_pack("{s:s, s:s}", "type", "string", "format", "date");
    case FB_WT_TIMESTAMP:
    case FB_WT_CODE: return string_pattern("^[0-9]+$");
    case FB_WT_REGION: return json_pack("{s:[s,s]}", "type", "string", "integer");
    case FB_WT_ENUM: {
        json_t *names = json_array();
        const char *s;
        for (int i = 0; (s = fb_wire_value(f->values, i)) != NULL; i++)
            json_array_append_new(names, json_string(s));
        return json_pack("{s:s, s:o}", "type", "string", "enum", names);
    }
    case FB_WT_INTEGER: {
        json_t *o = json_pack("{s:s}", "type", "integer");
        if (input && f->max > f->min) {
            json_object_set_new(o, "minimum", json_integer(f->min));
            json_object_set_new(o, "maximum", json_integer(f->max));
        }
        return o;
    }
    case FB_WT_BOOLEAN: return json_pack("{s:s}", "type", "boolean");
    case FB_WT_MEASURE: return json_pack("{s:[s,s]}", "type", "string", "integer");
    case FB_WT_RECORD: return ref(input && f->in_record ? f->in_record : f->record, input, prefix);
    case FB_WT_ARRAY:
        return json_pack("{s:s, s:o}", "type", "array", "items",
                         type_schema(f, f->item, input, prefix));
    case FB_WT_MAP:
        return json_pack("{s:s, s:o}", "type", "object", "additionalProperties",
                         type_schema(f, f->item, input, prefix));
    default: FB_ASSERT(0 && "no schema for this type"); return json_object();
    }
}

json_t *fb_wire_field_schema(const fb_wire_field *f, bool input, const char *prefix) {
    fb_wire_type t = input && f->in_type ? f->in_type : f->type;
    json_t *s = type_schema(f, t, input, prefix);
    if (!input && (f->flags & FB_WF_NULLABLE)) {
        json_t *type = json_object_get(s, "type");
        if (json_is_string(type)) {
            json_object_set_new(s, "type", json_pack("[s,s]", json_string_value(type), "null"));
        } else if (json_is_array(type)) {
            json_array_append_new(type, json_string("null"));
        } else {
            s = json_pack("{s:[o,{s:s}]}", "anyOf", s, "type", "null");
        }
    }
    char doc[512];
    snprintf(doc, sizeof doc, "%s%s%s%s", f->doc, f->unit && f->unit[0] ? " (" : "",
             f->unit ? f->unit : "", f->unit && f->unit[0] ? ")" : "");
    json_object_set_new(s, "description", json_string(doc));
    if (!input && !(f->flags & FB_WF_IN)) json_object_set_new(s, "readOnly", json_true());
    const char *text = input && f->in_example ? f->in_example : f->example;
    json_t *example = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    FB_ASSERT(text == NULL || example != NULL);
    if (example) json_object_set_new(s, "examples", json_pack("[o]", example));
    return s;
}

json_t *fb_wire_schema(const fb_wire_record *r, bool input, const char *ref_prefix) {
    FB_ASSERT(r != NULL && ref_prefix != NULL);
    json_t *props = json_object(), *required = json_array();
    for (size_t i = 0; i < r->n_fields; i++) {
        const fb_wire_field *f = &r->fields[i];
        bool in = (f->flags & FB_WF_IN) && !(f->flags & FB_WF_PATH);
        bool out = (f->flags & (FB_WF_OUT | FB_WF_SOMETIMES)) != 0;
        if (input ? !in : !out) continue;
        json_object_set_new(props, f->name, fb_wire_field_schema(f, input, ref_prefix));
        if (input ? (f->flags & FB_WF_REQUIRED) : (f->flags & FB_WF_OUT)) {
            json_array_append_new(required, json_string(f->name));
        }
    }
    json_t *s =
        json_pack("{s:s, s:s, s:o}", "type", "object", "description", r->doc, "properties", props);
    if (json_array_size(required)) {
        json_object_set_new(s, "required", required);
    } else {
        json_decref(required);
    }
    /* Input is strict: a key that is not a field is refused. */
    if (input) json_object_set_new(s, "additionalProperties", json_false());
    return s;
}
