/* record_doc.c — docs/records.md, written from the records' tables (record.h): one table of fields
 * per record. `finbridge openapi --markdown` prints it; make check compares it with the committed
 * page, so that the page cannot go stale. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/records.h"

/* The page is about 60 KB; a bound well above it. */
enum { DOC_MAX = 1024 * 1024 };

typedef struct {
    char *s;
    size_t len, cap;
    bool failed; /* out of memory, or over DOC_MAX */
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...) {
    if (t->failed) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n >= 0 && t->len + (size_t)n < t->cap) {
        t->len += (size_t)n;
        return;
    }
    size_t cap = t->cap;
    while (n >= 0 && cap <= t->len + (size_t)n)
        cap *= 2;
    char *bigger = n >= 0 && cap <= DOC_MAX ? realloc(t->s, cap) : NULL;
    if (!bigger) {
        t->failed = true;
        return;
    }
    t->s = bigger;
    t->cap = cap;
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static int value_count(const fb_wire_values *v) {
    int n = 0;
    while (fb_wire_value(v, n))
        n++;
    return n;
}

/* Enumerations longer than this are listed under the table. */
#define INLINE_VALUES_MAX 8

static void put_values(text *t, const fb_wire_values *v) {
    for (int i = 0; fb_wire_value(v, i); i++)
        put(t, "%s`%s`", i ? ", " : "", fb_wire_value(v, i));
}

/* A link to a record's section (the heading's anchor is its name in lower case). */
static void put_link(text *t, const fb_wire_record *r) {
    put(t, "[%s](#", r->name);
    for (const char *s = r->name; *s; s++)
        put(t, "%c", *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    put(t, ")");
}

/* A type in words; a record links to its section. */
static void put_type(text *t, const fb_wire_field *f, fb_wire_type type) {
    static const char *const names[FB_WT_COUNT_] = {
        [FB_WT_STRING] = "string",
        [FB_WT_ID] = "id",
        [FB_WT_MONEY] = "money",
        [FB_WT_PERCENT] = "percent",
        [FB_WT_DATE] = "date",
        [FB_WT_TIMESTAMP] = "timestamp",
        [FB_WT_CODE] = "code",
        [FB_WT_REGION] = "region",
        [FB_WT_INTEGER] = "integer",
        [FB_WT_BOOLEAN] = "boolean",
        [FB_WT_MEASURE] = "money, count or percent",
    };
    if (type == FB_WT_ENUM) {
        if (value_count(f->values) > INLINE_VALUES_MAX) {
            put(t, "enum (below)");
        } else {
            put(t, "one of ");
            put_values(t, f->values);
        }
    } else if (type == FB_WT_RECORD) {
        put_link(t, f->record);
    } else if (type == FB_WT_ARRAY || type == FB_WT_MAP) {
        put(t, "%s ", type == FB_WT_ARRAY ? "array of" : "object of names to");
        put_type(t, f, f->item);
    } else {
        FB_ASSERT(type > FB_WT_NONE && type < FB_WT_COUNT_ && names[type]);
        put(t, "%s", names[type]);
    }
}

/* Text for a table's cell: no line breaks, | escaped, and < > outside code (not tags). */
static void put_cell(text *t, const char *s, bool code) {
    for (; s && *s; s++) {
        if (*s == '|') {
            put(t, "\\|");
        } else if (!code && (*s == '<' || *s == '>')) {
            put(t, "%s", *s == '<' ? "&lt;" : "&gt;");
        } else if (*s != '\n') {
            put(t, "%c", *s);
        }
    }
}

static void put_field(text *t, const fb_wire_field *f, bool query) {
    put(t, "| `%s` | ", f->name);
    put_type(t, f, f->type);
    if (f->in_type && f->in_type != f->type && f->in_type != FB_WT_RECORD) {
        put(t, " (given as ");
        put_type(t, f, f->in_type);
        put(t, ")");
    } else if (f->in_type == FB_WT_RECORD) {
        put(t, " (given as ");
        put_link(t, f->in_record);
        put(t, ")");
    }
    if (f->flags & FB_WF_NULLABLE) put(t, " or null");
    if ((f->flags & FB_WF_IN) && f->max > f->min) put(t, ", %lld to %lld", f->min, f->max);
    const char *in = !(f->flags & FB_WF_IN)        ? "—"
                     : (f->flags & FB_WF_REQUIRED) ? "required"
                                                   : "optional";
    const char *out = f->flags & FB_WF_OUT         ? "always"
                      : f->flags & FB_WF_SOMETIMES ? "when set"
                                                   : "—";
    const char *unit = f->unit && f->unit[0]        ? f->unit
                       : f->type == FB_WT_MONEY     ? "yuan"
                       : f->type == FB_WT_PERCENT   ? "percent"
                       : f->type == FB_WT_TIMESTAMP ? "ns"
                                                    : "";
    if (query) {
        put(t, " | %s | %s | ", in, unit);
    } else {
        put(t, " | %s | %s | %s | ", in, out, unit);
    }
    put_cell(t, f->doc, false);
    if (f->flags & FB_WF_PATH) put(t, " (the API: the path's {id})");
    put(t, " | ");
    if (f->example) {
        put(t, "`");
        put_cell(t, f->example, true);
        put(t, "`");
    }
    put(t, " |\n");
}

static void put_record(text *t, const fb_wire_record *r, bool query) {
    put(t, "### %s\n\n", r->name);
    put_cell(t, r->doc, false);
    put(t, ".\n\n");
    if (query) {
        put(t, "| argument | type | given | unit | description | example |\n");
        put(t, "|---|---|---|---|---|---|\n");
    } else {
        put(t, "| field | type | given | written | unit | description | example |\n");
        put(t, "|---|---|---|---|---|---|---|\n");
    }
    for (size_t i = 0; i < r->n_fields; i++)
        put_field(t, &r->fields[i], query);
    put(t, "\n");
    for (size_t i = 0; i < r->n_fields; i++) {
        const fb_wire_field *f = &r->fields[i];
        if (!f->values || value_count(f->values) <= INLINE_VALUES_MAX) continue;
        put(t, "`%s` is one of: ", f->name);
        put_values(t, f->values);
        put(t, ".\n\n");
    }
}

static const char intro[] =
    "# Records\n"
    "\n"
    "Every record the command line and the API read or write, field by field. This page is\n"
    "generated from the records' tables in `src/wire/records_*.c` by `finbridge openapi\n"
    "--markdown`, as the API's OpenAPI document (`GET /v1/openapi.json`, `finbridge openapi`) is;\n"
    "`make check` fails when the two differ. Change a table, then run\n"
    "`build/finbridge openapi --markdown > docs/records.md`.\n"
    "\n"
    "A record given is one line of JSON Lines on the command line (`finbridge parties create`, "
    "...)\n"
    "and one element of the array body of the API's create (`POST /v1/parties`, ...); a\n"
    "repayment, a write-off, a recovery, an end of day, a certificate's transfer or financing\n"
    "and an agreement are one object (on the command line: options, or a line each). Input is\n"
    "strict: a key that is not a field is refused naming the key, and so is a value of another\n"
    "type; the API refuses the whole body (400), the command line the line (`invalid`).\n"
    "\n"
    "Both doors answer the same JSON, from the same encoders (`src/wire/view_json.c`); a test\n"
    "(`tests/test_doors.c`) makes every write through each on two identical books and compares\n"
    "the answers and the reads field by field. A result line has `line` (the input line's\n"
    "number) on the command line and `index` (the event's position) in the API; a refusal of a\n"
    "one-object operation is a result line with exit status 1 on the command line and a problem\n"
    "(its title the result's name) in the API.\n"
    "\n"
    "| type | JSON |\n"
    "|---|---|\n"
    "| money | yuan as a string with at most two decimals, `\"1234.56\"` (written with two); never "
    "a "
    "number |\n"
    "| percent | a percent as a string with at most four decimals, `\"3.4500\"` = 3.45%; every "
    "rate and ratio |\n"
    "| date | `\"YYYY-MM-DD\"` |\n"
    "| timestamp | nanoseconds since 1970-01-01 as a string of digits |\n"
    "| id | 1 to 64 characters from A-Z a-z 0-9 `. _ : -` (shorter where said) |\n"
    "| code | a string of digits: a division code (`\"210106\"`), an industry class "
    "(`\"3421\"`) |\n"
    "| region | given as a 6-digit division code (a string or a number) or a Liaoning city's "
    "name (`\"沈阳\"`, `\"Shenyang\"`) |\n"
    "\n"
    "*given*: required, optional or — (not read); *written*: always, when set (the description "
    "says when) or — (input only).\n"
    "\n";

/* Headings before the first record of each group. */
static const struct {
    const char *first, *heading;
} groups[] = {
    {"Account", "The ledger"},
    {"Party", "The loan book"},
    {"CertificateIssue", "Supply-chain certificates"},
    {"Project", "The cooperation"},
    {"Problem", "The API's own"},
};

char *fb_wire_markdown(void) {
    text t = {malloc(65536), 0, 65536, false};
    if (!t.s) return NULL;
    t.s[0] = 0;
    put(&t, "%s", intro);
    for (size_t i = 0; fb_wire_records[i]; i++) {
        for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
            if (strcmp(groups[g].first, fb_wire_records[i]->name) == 0) {
                put(&t, "## %s\n\n", groups[g].heading);
            }
        }
        put_record(&t, fb_wire_records[i], false);
    }
    put(&t, "## The queries' arguments\n\nThe API's reads take these in the query string.\n\n");
    for (size_t i = 0; fb_wire_queries[i]; i++)
        put_record(&t, fb_wire_queries[i], true);
    if (t.failed) {
        free(t.s);
        return NULL;
    }
    /* One newline at the end of the page. */
    while (t.len > 1 && t.s[t.len - 1] == '\n' && t.s[t.len - 2] == '\n')
        t.s[--t.len] = 0;
    return t.s;
}
