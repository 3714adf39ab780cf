/* record.h — every record the two doors read or write, declared once as a table of its fields.
 *
 * A record is what a line of JSON Lines on the command line, an element of an API body or an
 * answer holds: a party, a loan, a result line, a report row. Its table says, for each field, its
 * name, its JSON type and format, whether it is read on input (and required), whether it is
 * written on output (always, or only when it applies), a one-line description with its unit and
 * an example. From the tables:
 *   - the decoders of book_json.c read their records (fb_wire_decode: unknown keys refused,
 *     required ones checked, each value read by its type into the C struct);
 *   - the hand-written decoders (ledger_json.c, the agreement's targets) and every encoder are
 *     held to them by tests/test_wire.c (fb_wire_check on what they emit);
 *   - the OpenAPI document's schemas (fb_wire_schema, src/api/table.c) and docs/records.md
 *     (fb_wire_markdown) are generated.
 * The tables are static and read-only; nothing here allocates but the JSON it returns. */
#ifndef FB_WIRE_RECORD_H
#define FB_WIRE_RECORD_H

#include <stddef.h>

#include "wire/ledger_json.h"

/* A field's JSON type and format. */
typedef enum fb_wire_type {
    FB_WT_NONE = 0,  /* (in_type: the same as type) */
    FB_WT_STRING,    /* text */
    FB_WT_ID,        /* an id: 1 to 64 characters from A-Z a-z 0-9 . _ : - */
    FB_WT_MONEY,     /* yuan as a decimal string with at most two decimals: "1234.56" */
    FB_WT_PERCENT,   /* a percent as a decimal string with at most four decimals: "3.4500" */
    FB_WT_DATE,      /* a date YYYY-MM-DD */
    FB_WT_TIMESTAMP, /* nanoseconds since 1970-01-01 as a decimal string */
    FB_WT_CODE,      /* a code of digits as a string: a division code, an industry class */
    FB_WT_REGION,    /* input only: a 6-digit division code (string or number) or a city's name */
    FB_WT_ENUM,      /* one of the names of `values` */
    FB_WT_INTEGER,   /* a whole number (min..max when max > min) */
    FB_WT_BOOLEAN,
    FB_WT_RECORD,  /* an object: the record `record` */
    FB_WT_ARRAY,   /* an array of `item`s (names of `values`, or `record`s) */
    FB_WT_MAP,     /* an object of names to `item`s */
    FB_WT_MEASURE, /* a target's value: money, a count (integer) or a percent, by its measure */
    FB_WT_COUNT_
} fb_wire_type;

/* What a field is to a record. */
enum {
    FB_WF_IN = 1u << 0,        /* read on input */
    FB_WF_REQUIRED = 1u << 1,  /* ... and required there */
    FB_WF_OUT = 1u << 2,       /* always written on output */
    FB_WF_SOMETIMES = 1u << 3, /* written on output when it applies (its description says when) */
    FB_WF_NULLABLE = 1u << 4,  /* may be null on output */
    FB_WF_PATH = 1u << 5,      /* on the API it is the path's {id}, not a field of the body */
};

/* The names of an enumeration: name(i) for i in first..; the list ends at the first NULL or
 * "unknown" (the core's name functions answer "unknown" past their last value), or at 64. */
typedef struct fb_wire_values {
    const char *(*name)(int i);
    int first;
} fb_wire_values;
#define FB_WIRE_VALUES_MAX 64

typedef struct fb_wire_field fb_wire_field;
typedef struct fb_wire_record fb_wire_record;

/* A custom reader: reads v for field f into the record (the whole struct: a reader may set more
 * than one member). FB_OK, or FB_EINVAL with err naming f. */
typedef int fb_wire_read_fn(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err);

struct fb_wire_field {
    const char *name;
    fb_wire_type type;            /* on output, and on input unless in_type says otherwise */
    unsigned flags;               /* FB_WF_... */
    const char *doc;              /* one line: what it is and, when it has one, its unit */
    const char *unit;             /* "bp", "days", ...; "" when the type says it (yuan, percent) */
    const char *example;          /* a JSON value as text, valid against the field's schema */
    const fb_wire_values *values; /* FB_WT_ENUM, and arrays of names */
    const fb_wire_record *record; /* FB_WT_RECORD, and arrays and maps of records */
    fb_wire_type item;            /* FB_WT_ARRAY and FB_WT_MAP: the type of an item */
    fb_wire_type in_type;         /* the type on input when it differs (FB_WT_NONE: the same) */
    const fb_wire_record *in_record; /* in_type FB_WT_RECORD: the record read on input */
    const char *in_example;          /* in_type: an example of the input, when it differs */
    long long min, max;              /* FB_WT_INTEGER bounds on input, when max > min */
    /* Table-driven decoding (FB_WF_IN fields of records that fb_wire_decode reads): the member
     * the value goes to, and a reader when the type's own does not do. */
    size_t offset, size;
    fb_wire_read_fn *read;
};

struct fb_wire_record {
    const char *name; /* the schema's name in the OpenAPI document: "Party" */
    const char *noun; /* in "is not a field of a party" */
    const char *doc;  /* what it is, where it is read and written */
    const fb_wire_field *fields;
    size_t n_fields;
};

/* The member a decoded value goes to. */
#define FB_WIRE_AT(type, member)                                                                   \
    .offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* Every record, in the order docs/records.md lists them; NULL-terminated. */
extern const fb_wire_record *const fb_wire_records[];
/* A record by name, or NULL. */
const fb_wire_record *fb_wire_record_named(const char *name);
/* A field of a record by name, or NULL. */
const fb_wire_field *fb_wire_field_named(const fb_wire_record *r, const char *name);
/* The i-th name of values (NULL past the last). */
const char *fb_wire_value(const fb_wire_values *v, int i);

/* Decodes text[0..len) as one object of record r into the struct at out (zeroed by the caller,
 * with its defaults set): a key that is not an input field of r is refused ("is not a field of
 * <noun>"), each value is read by its field's type or reader, and every required field must be
 * there. On FB_OK *root is the object, for checks across fields; the caller releases it.
 * FB_EINVAL with err. */
int fb_wire_decode(const fb_wire_record *r, const char *text, size_t len, void *out,
                   fb_json_error *err, json_t **root);
/* Reads one field's value by its type (the readers' default), for custom readers to build on. */
int fb_wire_read_value(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err);
/* Sets err to field and reason; returns FB_EINVAL. */
int fb_wire_reject(fb_json_error *err, const char *field, const char *reason);

/* Checks that v is an output of record r: an object whose keys are r's output fields, with every
 * field written always present, each value of its type (null only where nullable), records
 * within checked in turn. Returns true, or false with the path and the reason in why. */
bool fb_wire_check(const fb_wire_record *r, json_t *v, char *why, size_t cap);

/* Checks one output value of field f, as fb_wire_check does. */
bool fb_wire_check_field(const fb_wire_field *f, json_t *v, char *why, size_t cap);

/* The JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a record: input (its input fields but
 * those in the path, required as marked, nothing else allowed) or output (its output fields,
 * those written always required). Records within are $ref'd as "<ref_prefix><Name>" (output) or
 * "<ref_prefix><Name>Input". A new object the caller owns. */
json_t *fb_wire_schema(const fb_wire_record *r, bool input, const char *ref_prefix);
/* The schema of one field's value, with its description and example (as above). */
json_t *fb_wire_field_schema(const fb_wire_field *f, bool input, const char *ref_prefix);
/* Whether a record has input fields, output fields. */
bool fb_wire_has_input(const fb_wire_record *r);
bool fb_wire_has_output(const fb_wire_record *r);

/* docs/records.md: every record's fields as tables, generated (a new string, freed by the
 * caller; NULL when out of memory). */
char *fb_wire_markdown(void);

#endif
