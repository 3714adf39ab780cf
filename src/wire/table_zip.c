/* table_zip.c — the zip of a workbook and the XML of its parts, with the guards a file from
 * outside needs: the central directory's size checked before libzip reads it; a part's declared
 * and inflated sizes against a limit and a ratio (zip bombs); expat with no DOCTYPE and so no
 * entity at all (no external entities, no billion laughs), a depth limit and a bound on any one
 * token it holds. Also the refusal of the old OLE container (encrypted workbooks, .xls). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/assert.h"
#include "wire/table_xlsx.h"

/* The end of the central directory: 22 bytes, then a comment of up to 65,535. */
#define EOCD_SIZE 22
#define EOCD_SEARCH (EOCD_SIZE + 65535)

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }
static uint64_t le64(const uint8_t *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

/* Finds the end of the central directory in the last bytes of the file (tail[0..n) ends at the
 * file's end). Returns its offset in tail, or -1. */
static long find_eocd(const uint8_t *tail, size_t n) {
    if (n < EOCD_SIZE) return -1;
    for (size_t i = n - EOCD_SIZE + 1; i-- > 0;) {
        if (memcmp(tail + i, "PK\x05\x06", 4) == 0 && i + EOCD_SIZE + le16(tail + i + 20) <= n)
            return (long)i;
    }
    return -1;
}

/* The entry count and directory size of a zip64 archive, from its zip64 end record. */
static int zip64_directory(fb_table *t, const uint8_t *locator, uint64_t *entries, uint64_t *size) {
    uint8_t rec[56];
    if (memcmp(locator, "PK\x06\x07", 4) != 0 ||
        fb__table_pread(t, rec, sizeof rec, le64(locator + 8)) != (ssize_t)sizeof rec ||
        memcmp(rec, "PK\x06\x06", 4) != 0) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "a damaged zip (its zip64 directory)");
    }
    *entries = le64(rec + 32);
    *size = le64(rec + 40);
    return FB_OK;
}

/* Refuses a zip whose directory is larger than the limits, before libzip reads it. */
static int check_directory(fb_table *t) {
    size_t n = t->file_size < EOCD_SEARCH + 20 ? (size_t)t->file_size : EOCD_SEARCH + 20;
    uint8_t *tail = malloc(EOCD_SEARCH + 20);
    if (!tail) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    int rc = FB_OK;
    long at = -1;
    if (fb__table_pread(t, tail, n, t->file_size - n) != (ssize_t)n) {
        rc = fb__table_fail(t, FB_EIO, 0, 0, NULL, "cannot read: %s", FB_ERRNO_TEXT(errno));
    } else if ((at = find_eocd(tail, n)) < 0) {
        rc = fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                            "not a zip, so not an XLSX workbook: no end of its directory (a file "
                            "cut short?)");
    }
    uint64_t entries = 0, size = 0;
    if (rc == FB_OK) {
        entries = le16(tail + at + 10);
        size = le32(tail + at + 12);
        if ((entries == 0xFFFF || size == 0xFFFFFFFF) && at >= 20)
            rc = zip64_directory(t, tail + at - 20, &entries, &size);
    }
    free(tail);
    if (rc == FB_OK && entries > FB_ZIP_ENTRIES_MAX) {
        rc = fb__table_fail(t, FB_ELIMIT, 0, 0, "FB_ZIP_ENTRIES_MAX",
                            "a zip of %llu entries, more than %d (FB_ZIP_ENTRIES_MAX)",
                            (unsigned long long)entries, FB_ZIP_ENTRIES_MAX);
    } else if (rc == FB_OK && size > FB_ZIP_DIRECTORY_MAX) {
        rc = fb__table_fail(t, FB_ELIMIT, 0, 0, "FB_ZIP_DIRECTORY_MAX",
                            "a zip directory of %llu bytes, more than %zu (FB_ZIP_DIRECTORY_MAX)",
                            (unsigned long long)size, FB_ZIP_DIRECTORY_MAX);
    }
    return rc;
}

int fb__zip_open(fb_table *t, zip_t **out) {
    FB_ASSERT(out != NULL);
    *out = NULL;
    int rc = check_directory(t);
    if (rc != FB_OK) return rc;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_t *za = NULL;
    if (t->fd < 0) {
        zip_source_t *src = zip_source_buffer_create(t->mem, t->mem_size, 0, &ze);
        if (src) za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        if (src && !za) zip_source_free(src);
    } else {
        int fd = dup(t->fd), code = 0;
        if (fd >= 0) za = zip_fdopen(fd, ZIP_RDONLY | ZIP_CHECKCONS, &code);
        if (fd >= 0 && !za) close(fd);
        zip_error_set(&ze, fd < 0 ? ZIP_ER_OPEN : code, fd < 0 ? errno : 0);
    }
    if (!za) {
        rc = fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "not a readable zip, so not an XLSX: %s",
                            zip_error_strerror(&ze));
    }
    zip_error_fini(&ze);
    *out = za;
    return rc;
}

bool fb__zip_has(zip_t *za, const char *name) {
    FB_ASSERT(za != NULL && name != NULL);
    return zip_name_locate(za, name, ZIP_FL_NOCASE) >= 0;
}

/* ---- A part ------------------------------------------------------------------------------- */

int fb__part_fail(fb__part *p, int code, uint64_t row, uint32_t column, const char *limit,
                  const char *fmt, ...) {
    FB_ASSERT(p != NULL && p->t != NULL);
    char what[FB_TABLE_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int rc = fb__table_fail(p->t, code, row, column, limit, "%s", what);
    if (p->xml) XML_StopParser(p->xml, XML_FALSE);
    return rc;
}

void fb__part_pause(fb__part *p) {
    FB_ASSERT(p->xml != NULL);
    XML_StopParser(p->xml, XML_TRUE);
}

/* The local part of a name expat gives as "namespace\1local". */
static const char *local_name(const char *name) {
    const char *sep = strrchr(name, '\x01');
    return sep ? sep + 1 : name;
}

const char *fb__xml_attr(const char **attrs, const char *name) {
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (strcmp(local_name(attrs[i]), name) == 0) return attrs[i + 1];
    return NULL;
}

static void XMLCALL on_start(void *data, const char *name, const char **attrs) {
    fb__part *p = data;
    p->event = true;
    if (++p->depth > FB_XML_DEPTH_MAX) {
        fb__part_fail(p, FB_ELIMIT, 0, 0, "FB_XML_DEPTH_MAX",
                      "%s nests elements deeper than %d (FB_XML_DEPTH_MAX)", p->name,
                      FB_XML_DEPTH_MAX);
        return;
    }
    if (p->handlers->start) p->handlers->start(p->ctx, local_name(name), attrs);
}

static void XMLCALL on_end(void *data, const char *name) {
    fb__part *p = data;
    p->event = true;
    p->depth--;
    if (p->handlers->end) p->handlers->end(p->ctx, local_name(name));
}

static void XMLCALL on_text(void *data, const char *s, int len) {
    fb__part *p = data;
    p->event = true;
    if (p->handlers->text) p->handlers->text(p->ctx, s, len);
}

static void XMLCALL on_other(void *data, const char *s, int len) {
    (void)s, (void)len;
    ((fb__part *)data)->event = true;
}

static void XMLCALL on_doctype(void *data, const char *name, const char *sysid, const char *pubid,
                               int has_internal_subset) {
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    fb__part *p = data;
    fb__part_fail(p, FB_EINVAL, 0, 0, NULL,
                  "%s has a DOCTYPE: OOXML parts have none, and one could declare entities "
                  "(refused, so no entity is ever expanded or fetched)",
                  p->name);
}

static void XMLCALL on_entity(void *data, const char *name, int is_param, const char *value,
                              int value_len, const char *base, const char *sysid, const char *pubid,
                              const char *notation) {
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
    (void)pubid, (void)notation;
    fb__part *p = data;
    fb__part_fail(p, FB_EINVAL, 0, 0, NULL, "%s declares an entity (refused)", p->name);
}

/* Creates p's parser: namespaces split off, every DOCTYPE and entity refused. */
static int part_parser(fb__part *p) {
    p->xml = XML_ParserCreateNS(NULL, '\x01');
    if (!p->xml) return fb__table_fail(p->t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    XML_SetUserData(p->xml, p);
    XML_SetElementHandler(p->xml, on_start, on_end);
    XML_SetCharacterDataHandler(p->xml, on_text);
    XML_SetDefaultHandlerExpand(p->xml, on_other);
    XML_SetStartDoctypeDeclHandler(p->xml, on_doctype);
    XML_SetEntityDeclHandler(p->xml, on_entity);
    XML_SetParamEntityParsing(p->xml, XML_PARAM_ENTITY_PARSING_NEVER);
    return FB_OK;
}

/* Refuses a part by what the zip's directory says of it. */
static int check_entry(fb__part *p, const zip_stat_t *st) {
    const uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st->valid & need) != need) {
        return fb__table_fail(p->t, FB_EINVAL, 0, 0, NULL, "a damaged zip: %s has no sizes",
                              p->name);
    }
    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
        return fb__table_fail(p->t, FB_EINVAL, 0, 0, NULL,
                              "%s is encrypted: a password-protected zip (remove the password, or "
                              "save the sheet as CSV)",
                              p->name);
    }
    if (st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE) {
        return fb__table_fail(p->t, FB_EINVAL, 0, 0, NULL,
                              "%s is compressed with method %d: workbooks use deflate", p->name,
                              (int)st->comp_method);
    }
    p->declared = st->size;
    p->compressed = st->comp_size;
    if (p->declared > p->limit) {
        return fb__table_fail(p->t, FB_ELIMIT, 0, 0, p->limit_name,
                              "%s declares %llu bytes uncompressed, more than %lld (%s)", p->name,
                              (unsigned long long)p->declared, (long long)p->limit, p->limit_name);
    }
    uint64_t base = p->compressed ? p->compressed : 1;
    if (p->declared > FB_XLSX_RATIO_GRACE && p->declared / base >= FB_XLSX_RATIO_MAX) {
        return fb__table_fail(p->t, FB_ELIMIT, 0, 0, "FB_XLSX_RATIO_MAX",
                              "%s declares %llu bytes from %llu compressed, over %d to 1 (a zip "
                              "bomb? FB_XLSX_RATIO_MAX)",
                              p->name, (unsigned long long)p->declared,
                              (unsigned long long)p->compressed, FB_XLSX_RATIO_MAX);
    }
    return FB_OK;
}

int fb__part_open(fb_table *t, zip_t *za, const char *name, uint64_t limit, const char *limit_name,
                  const fb__xml_handlers *h, void *ctx, fb__part *p) {
    FB_ASSERT(t != NULL && za != NULL && name != NULL && h != NULL && p != NULL);
    FB_ASSERT(limit > 0 && limit_name != NULL);
    memset(p, 0, sizeof *p);
    p->t = t;
    p->limit = limit;
    p->limit_name = limit_name;
    p->handlers = h;
    p->ctx = ctx;
    snprintf(p->name, sizeof p->name, "%s", name);
    zip_int64_t index = zip_name_locate(za, name, ZIP_FL_NOCASE);
    if (index < 0) return FB_ENOTFOUND;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)index, 0, &st) != 0) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "a damaged zip: %s: %s", name,
                              zip_strerror(za));
    }
    int rc = check_entry(p, &st);
    if (rc != FB_OK) return rc;
    p->file = zip_fopen_index(za, (zip_uint64_t)index, 0);
    if (!p->file) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "cannot read %s from the zip: %s", name,
                              zip_strerror(za));
    }
    return part_parser(p);
}

/* Counts n more bytes inflated and refuses them past the declared size, the limit or the ratio. */
static int count_inflated(fb__part *p, uint64_t n) {
    p->inflated += n;
    uint64_t base = p->compressed ? p->compressed : 1;
    if (p->inflated > p->declared) {
        return fb__table_fail(p->t, FB_EINVAL, 0, 0, NULL,
                              "%s inflates past the %llu bytes it declares (a damaged zip, or a "
                              "zip bomb)",
                              p->name, (unsigned long long)p->declared);
    }
    if (p->inflated > FB_XLSX_RATIO_GRACE && p->inflated / base >= FB_XLSX_RATIO_MAX) {
        return fb__table_fail(p->t, FB_ELIMIT, 0, 0, "FB_XLSX_RATIO_MAX",
                              "%s inflates over %d to 1 (a zip bomb? FB_XLSX_RATIO_MAX)", p->name,
                              FB_XLSX_RATIO_MAX);
    }
    return FB_OK;
}

/* Feeds the parser the next chunk of the part. */
static enum XML_Status feed(fb__part *p, size_t *fed) {
    *fed = 0;
    void *buf = XML_GetBuffer(p->xml, FB__TABLE_CHUNK);
    if (!buf) {
        fb__table_fail(p->t, FB_ENOMEM, 0, 0, NULL, "out of memory");
        return XML_STATUS_ERROR;
    }
    zip_int64_t n = zip_fread(p->file, buf, FB__TABLE_CHUNK);
    if (n < 0) {
        fb__table_fail(p->t, FB_EINVAL, 0, 0, NULL, "a damaged zip: %s: %s", p->name,
                       zip_file_strerror(p->file));
        return XML_STATUS_ERROR;
    }
    if (count_inflated(p, (uint64_t)n) != FB_OK) return XML_STATUS_ERROR;
    *fed = (size_t)n;
    p->final = n == 0;
    return XML_ParseBuffer(p->xml, (int)n, p->final);
}

int fb__part_step(fb__part *p) {
    fb_table *t = p->t;
    FB_ASSERT(p->xml != NULL && p->file != NULL);
    if (t->status != FB_OK) return t->status;
    if (p->final && !p->suspended) return 0;
    size_t fed = 0;
    p->event = false;
    enum XML_Status st;
    if (p->suspended) {
        p->suspended = false;
        st = XML_ResumeParser(p->xml);
    } else {
        st = feed(p, &fed);
    }
    if (t->status != FB_OK) return t->status; /* a handler, or the feed, failed */
    if (st == XML_STATUS_ERROR) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL, "%s is not well-formed XML: %s (line %lu)",
                              p->name, XML_ErrorString(XML_GetErrorCode(p->xml)),
                              (unsigned long)XML_GetCurrentLineNumber(p->xml));
    }
    if (st == XML_STATUS_SUSPENDED) p->suspended = true;
    p->quiet = p->event ? 0 : p->quiet + fed;
    if (p->quiet > FB_XML_TOKEN_MAX) {
        return fb__table_fail(t, FB_ELIMIT, 0, 0, "FB_XML_TOKEN_MAX",
                              "%s has a tag or other token over %zu bytes (FB_XML_TOKEN_MAX)",
                              p->name, FB_XML_TOKEN_MAX);
    }
    return p->final && !p->suspended ? 0 : 1;
}

int fb__part_parse(fb__part *p) {
    int rc;
    while ((rc = fb__part_step(p)) == 1) {
    }
    FB_ASSERT(rc <= 0);
    return rc;
}

void fb__part_close(fb__part *p) {
    if (p->xml) XML_ParserFree(p->xml);
    if (p->file) zip_fclose(p->file);
    p->xml = NULL;
    p->file = NULL;
}

/* ---- Text --------------------------------------------------------------------------------- */

static bool hex4(const char *s, uint32_t *v) {
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (d < 0) return false;
        x = x << 4 | (uint32_t)d;
    }
    *v = x;
    return true;
}

/* Whether s[i..len) begins with an escape _xHHHH_; its code unit in *u. */
static bool escape_at(const char *s, size_t len, size_t i, uint32_t *u) {
    return i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_' && hex4(s + i + 2, u);
}

static size_t utf8_put(uint32_t cp, char *out) {
    if (cp < 0x80) return out[0] = (char)cp, 1;
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t fb__xstring_decode(char *s, size_t len) {
    FB_ASSERT(s != NULL || len == 0);
    size_t r = 0, w = 0;
    uint32_t u = 0, lo = 0;
    while (r < len) {
        /* Not an escape, or half a pair of UTF-16 units: kept as written. */
        bool kept = !escape_at(s, len, r, &u);
        bool pair = !kept && u >= 0xD800 && u <= 0xDBFF && escape_at(s, len, r + 7, &lo) &&
                    lo >= 0xDC00 && lo <= 0xDFFF;
        if (!kept && !pair && u >= 0xD800 && u <= 0xDFFF) kept = true;
        if (kept) {
            s[w++] = s[r++];
        } else if (pair) { /* a pair of UTF-16 units: 14 bytes become 4 */
            w += utf8_put(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), s + w);
            r += 14;
        } else { /* 7 bytes become at most 3 */
            w += utf8_put(u, s + w);
            r += 7;
        }
    }
    FB_ASSERT(w <= len);
    return w;
}

/* ---- The OLE container -------------------------------------------------------------------- */

static bool contains(const char *hay, size_t n, const char *needle, size_t k) {
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0) return true;
    return false;
}

int fb__table_refuse_ole(fb_table *t) {
    /* The stream's name as the container's directory writes it, in UTF-16LE. */
    static const char name[] = "EncryptedPackage";
    char pattern[2 * (sizeof name - 1)];
    for (size_t i = 0; i < sizeof name - 1; i++) {
        pattern[2 * i] = name[i];
        pattern[2 * i + 1] = '\0';
    }
    char *buf = malloc(FB__TABLE_CHUNK + sizeof pattern);
    if (!buf) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    bool encrypted = false;
    size_t keep = 0;
    for (uint64_t offset = 0; !encrypted;) { /* one pass over the file, in chunks */
        ssize_t k = fb__table_pread(t, buf + keep, FB__TABLE_CHUNK, offset);
        if (k <= 0) break;
        offset += (uint64_t)k;
        size_t n = keep + (size_t)k;
        encrypted = contains(buf, n, pattern, sizeof pattern);
        keep = n < sizeof pattern ? n : sizeof pattern;
        memmove(buf, buf + n - keep, keep);
    }
    free(buf);
    if (encrypted) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "an encrypted (password-protected) workbook: open it in Excel or "
                              "WPS, remove the password, and save it again");
    }
    return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                          "an Excel 97-2003 workbook (.xls) or another OLE file, not XLSX: save it "
                          "as .xlsx or as CSV");
}
