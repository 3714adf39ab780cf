/* table_xlsx.c — an XLSX workbook opened for its rows: the package's relationships lead to the
 * workbook (its date system, its sheets), the workbook's to the worksheet, its shared strings and
 * its styles. The styles say which cell formats show dates; the shared strings are held, as the
 * sheet refers to them in any order (FB_XLSX_SHARED_*). Then the sheet streams (table_sheet.c).
 *
 * Only what a data sheet needs is read: formulas' cached values, not formulas; no charts, no
 * pivot tables, no external links. */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/table_xlsx.h"

/* The first allocation of the shared strings' text and offsets; each doubles up to its limit. */
#define STRINGS_FIRST ((size_t)256 * 1024)
#define OFFSETS_FIRST 16384

/* The sheet names a message lists when a named sheet is not found. */
#define SHEET_NAMES_SHOWN 200

/* ---- Part names --------------------------------------------------------------------------- */

/* Copies the folder of part (up to its last '/', or "") into dir (FB_XLSX_PATH_MAX). */
static void folder_of(const char *part, char *dir) {
    const char *slash = strrchr(part, '/');
    size_t n = slash ? (size_t)(slash - part) : 0;
    memcpy(dir, part, n);
    dir[n] = '\0';
}

/* Resolves a relationship's target against the folder of its source part, with "." and ".."
 * segments, into out (FB_XLSX_PATH_MAX). Returns false when it leaves the package or is long. */
static bool resolve(const char *dir, const char *target, char *out) {
    char joined[2 * FB_XLSX_PATH_MAX + 2];
    if (target[0] == '/') {
        snprintf(joined, sizeof joined, "%s", target + 1);
    } else {
        snprintf(joined, sizeof joined, "%s%s%s", dir, dir[0] ? "/" : "", target);
    }
    size_t o = 0, n = strlen(joined);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && joined[j] != '/')
            j++;
        size_t seg = j - i;
        if (seg == 2 && joined[i] == '.' && joined[i + 1] == '.') {
            if (o == 0) return false;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0) o--;
        } else if (seg > 0 && !(seg == 1 && joined[i] == '.')) {
            if (o + (o > 0) + seg + 1 > FB_XLSX_PATH_MAX) return false;
            if (o > 0) out[o++] = '/';
            memcpy(out + o, joined + i, seg);
            o += seg;
        }
        i = j + 1;
    }
    out[o] = '\0';
    return o > 0;
}

/* Reads a whole part with h and ctx. FB_ENOTFOUND, with no error set, when there is none. */
static int read_part(fb_table *t, const char *name, uint64_t limit, const char *limit_name,
                     const fb__xml_handlers *h, void *ctx, fb__part *p) {
    int rc = fb__part_open(t, t->xlsx->zip, name, limit, limit_name, h, ctx, p);
    if (rc == FB_OK) rc = fb__part_parse(p);
    fb__part_close(p);
    return rc;
}

/* ---- Relationships ------------------------------------------------------------------------ */

typedef struct {
    fb__part part;
    const char *dir;     /* the source part's folder */
    const char *want_id; /* the worksheet's relationship id, or NULL */
    char office[FB_XLSX_PATH_MAX], sheet[FB_XLSX_PATH_MAX], shared[FB_XLSX_PATH_MAX],
        styles[FB_XLSX_PATH_MAX];
    char sheet_type[32]; /* the last segment of the sheet's relationship type */
} rels_ctx;

static void rels_start(void *ctx, const char *name, const char **attrs) {
    rels_ctx *c = ctx;
    if (strcmp(name, "Relationship") != 0) return;
    const char *id = fb__xml_attr(attrs, "Id"), *type = fb__xml_attr(attrs, "Type");
    const char *target = fb__xml_attr(attrs, "Target"), *mode = fb__xml_attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    const char *kind = strrchr(type, '/');
    kind = kind ? kind + 1 : type;
    char *slot = NULL;
    if (c->want_id && strcmp(id, c->want_id) == 0) {
        slot = c->sheet;
        snprintf(c->sheet_type, sizeof c->sheet_type, "%s", kind);
    } else if (strcmp(kind, "officeDocument") == 0) {
        slot = c->office;
    } else if (strcmp(kind, "sharedStrings") == 0) {
        slot = c->shared;
    } else if (strcmp(kind, "styles") == 0) {
        slot = c->styles;
    }
    if (slot && !slot[0] && !resolve(c->dir, target, slot)) {
        fb__part_fail(&c->part, FB_EINVAL, 0, 0, NULL,
                      "%s has a target outside the package or over %d bytes", c->part.name,
                      FB_XLSX_PATH_MAX);
    }
}

static const fb__xml_handlers rels_handlers = {rels_start, NULL, NULL};

/* Reads the relationships of the part `source` ("" for the package's own). */
static int read_rels(fb_table *t, const char *source, const char *want_id, rels_ctx *c) {
    FB_ASSERT(t != NULL && source != NULL && c != NULL);
    char dir[FB_XLSX_PATH_MAX], rels[FB_XLSX_PATH_MAX + 16];
    folder_of(source, dir);
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    snprintf(rels, sizeof rels, "%s%s_rels/%s.rels", dir, dir[0] ? "/" : "", base);
    memset(c, 0, sizeof *c);
    char dir_copy[FB_XLSX_PATH_MAX];
    memcpy(dir_copy, dir, sizeof dir);
    c->dir = dir_copy;
    c->want_id = want_id;
    int rc = read_part(t, rels, FB_XLSX_PART_BYTES_MAX, "FB_XLSX_PART_BYTES_MAX", &rels_handlers, c,
                       &c->part);
    c->dir = NULL;
    return rc;
}

/* ---- The workbook ------------------------------------------------------------------------- */

typedef struct {
    fb__part part;
    const char *want; /* the sheet's name, or NULL for the first visible one */
    bool found, date1904;
    char name[FB_XLSX_PATH_MAX], id[FB_XLSX_PATH_MAX];
    char names[SHEET_NAMES_SHOWN]; /* the sheets' names, for a message */
} workbook_ctx;

static void workbook_start(void *ctx, const char *name, const char **attrs) {
    workbook_ctx *c = ctx;
    if (strcmp(name, "workbookPr") == 0) {
        const char *v = fb__xml_attr(attrs, "date1904");
        c->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
        return;
    }
    if (strcmp(name, "sheet") != 0) return;
    const char *sheet = fb__xml_attr(attrs, "name"), *id = fb__xml_attr(attrs, "id");
    const char *state = fb__xml_attr(attrs, "state");
    if (!sheet || !id) return;
    size_t used = strlen(c->names);
    snprintf(c->names + used, sizeof c->names - used, "%s%s", used ? ", " : "", sheet);
    bool visible = !state || strcmp(state, "visible") == 0;
    bool chosen = c->want ? strcmp(sheet, c->want) == 0 : visible;
    if (c->found || !chosen) return;
    c->found = true;
    snprintf(c->name, sizeof c->name, "%s", sheet);
    snprintf(c->id, sizeof c->id, "%s", id);
}

static const fb__xml_handlers workbook_handlers = {workbook_start, NULL, NULL};

/* Says why a zip without a workbook is not one. */
static int no_workbook(fb_table *t, const char *wb) {
    zip_t *za = t->xlsx->zip;
    if (fb__zip_has(za, "content.xml") && fb__zip_has(za, "mimetype")) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "an OpenDocument file (.ods), not XLSX: save it as .xlsx or CSV");
    }
    return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                          "a zip without a workbook (%s): not an XLSX file", wb);
}

/* Finds the workbook and the sheet's part; fills sheet_part (FB_XLSX_PATH_MAX). */
static int find_sheet(fb_table *t, const char *want, rels_ctx *rels) {
    fb__xlsx *x = t->xlsx;
    char wb[FB_XLSX_PATH_MAX] = "xl/workbook.xml";
    int rc = read_rels(t, "", NULL, rels);
    if (rc != FB_OK && rc != FB_ENOTFOUND) return rc;
    if (rc == FB_OK && rels->office[0]) memcpy(wb, rels->office, sizeof wb);
    workbook_ctx *w = calloc(1, sizeof *w);
    if (!w) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    w->want = want;
    rc = read_part(t, wb, FB_XLSX_PART_BYTES_MAX, "FB_XLSX_PART_BYTES_MAX", &workbook_handlers, w,
                   &w->part);
    if (rc == FB_ENOTFOUND) {
        rc = no_workbook(t, wb);
    } else if (rc == FB_OK && !w->found && want) {
        rc = fb__table_fail(t, FB_ENOTFOUND, 0, 0, NULL, "no sheet named \"%s\" (the sheets: %s)",
                            want, w->names);
    } else if (rc == FB_OK && !w->found) {
        rc = fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "the workbook has no visible sheet");
    }
    x->date1904 = w->date1904;
    snprintf(x->sheet_name, sizeof x->sheet_name, "%s", w->name);
    char id[FB_XLSX_PATH_MAX];
    memcpy(id, w->id, sizeof id);
    free(w);
    if (rc != FB_OK) return rc;
    rc = read_rels(t, wb, id, rels);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !rels->sheet[0])) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "the workbook's relationships name no part for sheet \"%s\"",
                              x->sheet_name);
    }
    if (rc == FB_OK && strcmp(rels->sheet_type, "worksheet") != 0) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "sheet \"%s\" is a %s, not a worksheet of cells", x->sheet_name,
                              rels->sheet_type);
    }
    return rc;
}

/* ---- Styles: which cell formats show dates ------------------------------------------------ */

/* A custom number format: its id and whether it shows a date. */
typedef struct {
    uint32_t id;
    uint8_t date;
} number_format;

typedef struct {
    fb__part part;
    fb__xlsx *x;
    bool in_formats, in_cell_formats;
    bool sorted;            /* formats sorted by id, for the cell formats' look-ups */
    uint32_t count;         /* custom number formats */
    number_format *formats; /* FB_XLSX_STYLES_MAX */
} styles_ctx;

/* Whether a built-in number format (ECMA-376 18.8.30, and the Chinese locale's 27-58) shows a
 * date: 14-17 and 22 everywhere, 27-31, 36, 50-54, 57 and 58 in zh-CN (年月日). */
static bool builtin_date(long id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
           (id >= 50 && id <= 54) || id == 57 || id == 58;
}

/* Whether a format code shows a date: a y or d outside quotes, escapes and brackets, in its
 * first section. (An m alone may be minutes; [h]:mm is a duration.) */
static bool code_is_date(const char *code) {
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            p = strchr(p + 1, '"');
            if (!p) return false;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!*++p) return false;
        } else if (*p == '[') {
            p = strchr(p, ']');
            if (!p) return false;
        } else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D') {
            return true;
        }
    }
    return false;
}

static long number_attr(const char **attrs, const char *name) {
    const char *v = fb__xml_attr(attrs, name);
    if (!v) return -1;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    return end != v && *end == '\0' && n >= 0 ? n : -1;
}

static int by_id(const void *a, const void *b) {
    uint32_t x = ((const number_format *)a)->id, y = ((const number_format *)b)->id;
    return (x > y) - (x < y);
}

/* Whether number format id shows a date: a custom format of that id first, else the built-in. */
static bool format_is_date(styles_ctx *c, long id) {
    if (!c->sorted) {
        qsort(c->formats, c->count, sizeof *c->formats, by_id);
        c->sorted = true;
    }
    number_format key = {(uint32_t)id, 0};
    const number_format *f = bsearch(&key, c->formats, c->count, sizeof key, by_id);
    return f ? f->date : builtin_date(id);
}

static void styles_start(void *ctx, const char *name, const char **attrs) {
    styles_ctx *c = ctx;
    if (strcmp(name, "numFmts") == 0) c->in_formats = true;
    if (strcmp(name, "cellXfs") == 0) c->in_cell_formats = true;
    bool format = c->in_formats && strcmp(name, "numFmt") == 0;
    bool xf = c->in_cell_formats && strcmp(name, "xf") == 0;
    if (!format && !xf) return;
    uint32_t n = format ? c->count : c->x->xf_count;
    if (n >= FB_XLSX_STYLES_MAX) {
        fb__part_fail(&c->part, FB_ELIMIT, 0, 0, "FB_XLSX_STYLES_MAX",
                      "%s declares more than %d formats (FB_XLSX_STYLES_MAX)", c->part.name,
                      FB_XLSX_STYLES_MAX);
        return;
    }
    long id = number_attr(attrs, "numFmtId");
    if (format) {
        const char *code = fb__xml_attr(attrs, "formatCode");
        c->formats[n].id = (uint32_t)(id < 0 || id > INT32_MAX ? INT32_MAX : id);
        c->formats[n].date = code && code_is_date(code);
        c->count++;
        c->sorted = false;
    } else {
        c->x->xf_date[n] = id >= 0 && id <= INT32_MAX && format_is_date(c, id);
        c->x->xf_count++;
    }
}

static void styles_end(void *ctx, const char *name) {
    styles_ctx *c = ctx;
    if (strcmp(name, "numFmts") == 0) c->in_formats = false;
    if (strcmp(name, "cellXfs") == 0) c->in_cell_formats = false;
}

static const fb__xml_handlers styles_handlers = {styles_start, styles_end, NULL};

static int read_styles(fb_table *t, const char *name) {
    fb__xlsx *x = t->xlsx;
    styles_ctx *c = calloc(1, sizeof *c);
    x->xf_date = calloc(FB_XLSX_STYLES_MAX, 1);
    number_format *formats = calloc(FB_XLSX_STYLES_MAX, sizeof *formats);
    int rc;
    if (c && x->xf_date && formats) {
        c->x = x;
        c->formats = formats;
        rc = read_part(t, name, FB_XLSX_PART_BYTES_MAX, "FB_XLSX_PART_BYTES_MAX", &styles_handlers,
                       c, &c->part);
    } else {
        rc = fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    }
    free(formats);
    free(c);
    return rc == FB_ENOTFOUND ? FB_OK : rc; /* no styles: no dates */
}

/* ---- Shared strings ----------------------------------------------------------------------- */

typedef struct {
    fb__part part;
    fb__xlsx *x;
    bool in_item, in_text;
    int phonetic; /* <rPh> open: a reading aid, not the text */
    size_t start; /* where the open string begins */
} strings_ctx;

/* Grows the strings' text to hold n more bytes, within FB_XLSX_SHARED_BYTES_MAX. */
static bool strings_room(strings_ctx *c, size_t n) {
    fb__xlsx *x = c->x;
    if (x->strings_used + n <= x->strings_cap) return true;
    if (x->strings_used + n > FB_XLSX_SHARED_BYTES_MAX) {
        fb__part_fail(&c->part, FB_ELIMIT, 0, 0, "FB_XLSX_SHARED_BYTES_MAX",
                      "shared strings over %zu bytes (FB_XLSX_SHARED_BYTES_MAX)",
                      FB_XLSX_SHARED_BYTES_MAX);
        return false;
    }
    size_t cap = x->strings_cap ? x->strings_cap : STRINGS_FIRST;
    while (cap < x->strings_used + n)
        cap *= 2;
    if (cap > FB_XLSX_SHARED_BYTES_MAX) cap = FB_XLSX_SHARED_BYTES_MAX;
    char *grown = realloc(x->strings, cap);
    if (!grown) {
        fb__part_fail(&c->part, FB_ENOMEM, 0, 0, NULL, "out of memory");
        return false;
    }
    x->strings = grown;
    x->strings_cap = cap;
    return true;
}

/* Ends the open string: decodes its escapes and records where the next one starts. */
static void strings_push(strings_ctx *c) {
    fb__xlsx *x = c->x;
    FB_ASSERT(x->strings_used >= c->start);
    if (x->string_count + 2 > x->offsets_cap) {
        if (x->string_count >= FB_XLSX_SHARED_STRINGS_MAX) {
            fb__part_fail(&c->part, FB_ELIMIT, 0, 0, "FB_XLSX_SHARED_STRINGS_MAX",
                          "more than %zu shared strings (FB_XLSX_SHARED_STRINGS_MAX)",
                          FB_XLSX_SHARED_STRINGS_MAX);
            return;
        }
        size_t cap = x->offsets_cap ? 2 * x->offsets_cap : OFFSETS_FIRST;
        if (cap > FB_XLSX_SHARED_STRINGS_MAX + 1) cap = FB_XLSX_SHARED_STRINGS_MAX + 1;
        uint32_t *grown = realloc(x->offsets, cap * sizeof *grown);
        if (!grown) {
            fb__part_fail(&c->part, FB_ENOMEM, 0, 0, NULL, "out of memory");
            return;
        }
        x->offsets = grown;
        x->offsets_cap = cap;
    }
    size_t len = x->strings_used > c->start /* else strings may not be allocated yet */
                     ? fb__xstring_decode(x->strings + c->start, x->strings_used - c->start)
                     : 0;
    x->strings_used = c->start + len;
    x->offsets[x->string_count] = (uint32_t)c->start;
    x->offsets[++x->string_count] = (uint32_t)x->strings_used;
}

static void strings_start(void *ctx, const char *name, const char **attrs) {
    (void)attrs;
    strings_ctx *c = ctx;
    if (strcmp(name, "si") == 0) {
        c->in_item = true;
        c->start = c->x->strings_used;
    } else if (strcmp(name, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(name, "t") == 0 && c->in_item && !c->phonetic) {
        c->in_text = true;
    }
}

static void strings_end(void *ctx, const char *name) {
    strings_ctx *c = ctx;
    if (strcmp(name, "t") == 0) {
        c->in_text = false;
    } else if (strcmp(name, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(name, "si") == 0 && c->in_item) {
        c->in_item = false;
        strings_push(c);
    }
}

static void strings_text(void *ctx, const char *s, int len) {
    strings_ctx *c = ctx;
    if (!c->in_text || c->phonetic || len <= 0) return;
    fb__xlsx *x = c->x;
    if (x->strings_used - c->start + (size_t)len > FB_TABLE_CELL_MAX) {
        fb__part_fail(&c->part, FB_ELIMIT, 0, 0, "FB_TABLE_CELL_MAX",
                      "shared string %zu is over %zu bytes (FB_TABLE_CELL_MAX)", x->string_count,
                      FB_TABLE_CELL_MAX);
        return;
    }
    if (!strings_room(c, (size_t)len)) return;
    memcpy(x->strings + x->strings_used, s, (size_t)len);
    x->strings_used += (size_t)len;
}

static const fb__xml_handlers strings_handlers = {strings_start, strings_end, strings_text};

static int read_strings(fb_table *t, const char *name) {
    strings_ctx *c = calloc(1, sizeof *c);
    if (!c) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    c->x = t->xlsx;
    int rc = read_part(t, name, FB_XLSX_SHEET_BYTES_MAX, "FB_XLSX_SHEET_BYTES_MAX",
                       &strings_handlers, c, &c->part);
    free(c);
    return rc == FB_ENOTFOUND ? FB_OK : rc; /* none: a string index is then out of range */
}

/* ---- The workbook opened ------------------------------------------------------------------ */

int fb__xlsx_open(fb_table *t, const char *sheet) {
    FB_ASSERT(t->xlsx == NULL);
    t->xlsx = calloc(1, sizeof *t->xlsx);
    rels_ctx *rels = calloc(1, sizeof *rels);
    int rc = t->xlsx && rels ? FB_OK : fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    if (rc == FB_OK) rc = fb__zip_open(t, &t->xlsx->zip);
    if (rc == FB_OK) rc = find_sheet(t, sheet, rels);
    if (rc == FB_OK && rels->styles[0]) rc = read_styles(t, rels->styles);
    if (rc == FB_OK && rels->shared[0]) rc = read_strings(t, rels->shared);
    if (rc == FB_OK) {
        rc = fb__part_open(t, t->xlsx->zip, rels->sheet, FB_XLSX_SHEET_BYTES_MAX,
                           "FB_XLSX_SHEET_BYTES_MAX", &fb__sheet_handlers, t, &t->xlsx->sheet.part);
        if (rc == FB_ENOTFOUND) {
            rc = fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "the zip has no %s, sheet \"%s\"",
                                rels->sheet, t->xlsx->sheet_name);
        }
    }
    free(rels);
    FB_ASSERT(rc == FB_OK || t->status == rc);
    return rc;
}

int fb__xlsx_next(fb_table *t) { return fb__sheet_next(t); }

bool fb__xlsx_date1904(const fb_table *t) { return t->xlsx->date1904; }
const char *fb__xlsx_sheet_name(const fb_table *t) { return t->xlsx->sheet_name; }

void fb__xlsx_close(fb_table *t) {
    fb__xlsx *x = t->xlsx;
    FB_ASSERT(x != NULL);
    fb__part_close(&x->sheet.part);
    if (x->zip) zip_discard(x->zip);
    free(x->strings);
    free(x->offsets);
    free(x->xf_date);
    free(x);
    t->xlsx = NULL;
}

void fb__xlsx_progress(const fb_table *t, uint64_t *done, uint64_t *total) {
    *done = t->xlsx ? t->xlsx->sheet.part.inflated : 0;
    *total = t->xlsx ? t->xlsx->sheet.part.declared : 0;
    if (*done > *total) *done = *total;
}
