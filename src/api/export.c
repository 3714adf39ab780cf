/* export.c — the API's exports: GET /v1/exports/{kind} answers a file download (CSV or XLSX) of
 * the same export as `finbridge export` (src/wire/export.h), with the caller's scope applied: the
 * route table lets a government user ask only for the reports, and its region is its own. The
 * file is written to a temporary file, unlinked at once, and streamed from it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/resource.h"
#include "wire/export.h"

/* The format asked: ?format=csv|xlsx, else the Accept header's, else CSV. */
static bool format_arg(req *r, fb_export_format *f) {
    const char *v = fb_arg(r, "format");
    *f = FB_EXPORT_CSV;
    if (!v) {
        const char *accept = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept");
        if (accept && strstr(accept, "spreadsheetml.sheet")) *f = FB_EXPORT_XLSX;
        return true;
    }
    if (strcmp(v, "xlsx") == 0) *f = FB_EXPORT_XLSX;
    if (strcmp(v, "csv") == 0 || strcmp(v, "xlsx") == 0) return true;
    fb_problem(r, 400, "invalid query", "format", "format is csv or xlsx");
    return false;
}

/* The request the query makes; false with the problem set when an argument is malformed. */
static bool request(req *r, fb_export_request *q) {
    memset(q, 0, sizeof *q);
    q->kind = r->seg[2];
    if (!format_arg(r, &q->format) || !fb__api_date_arg(r, "as_of", true, &q->as_of) ||
        !fb__api_date_arg(r, "from", false, &q->from) || !fb__api_region_query(r, &q->region)) {
        return false;
    }
    const char *by = fb_arg(r, "by");
    if (by && fb_report_dims_parse(by, &q->dims)) {
        fb_problem(r, 400, "invalid query", "by",
                   "by takes city, chain, line, size and class, comma-separated");
        return false;
    }
    const char *limit = fb_arg(r, "limit");
    if (limit) {
        char *end = NULL;
        long v = strtol(limit, &end, 10);
        if (*end || v < 1 || v > 1000) {
            fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to 1000");
            return false;
        }
        q->limit = (size_t)v;
    }
    q->agreement = fb_arg(r, "agreement");
    q->rows_max = FB_EXPORT_API_ROWS_MAX;
    const char *db = fb_server_db(r->s), *slash = strrchr(db, '/');
    q->book_name = slash ? slash + 1 : db;
    return true;
}

/* Hands the written file to the answer: opened, unlinked (it lives while the answer is sent). */
static int answer_file(req *r, const fb_export_request *q, const char *path, uint64_t rows) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0) close(fd);
        return fb_problem(r, 500, "the export failed", NULL, "reading it back: %s",
                          FB_ERRNO_TEXT(errno));
    }
    char date[11];
    r->status = 200;
    r->content_type = fb_export_media_type(q->format);
    r->has_body_fd = true;
    r->body_fd = fd;
    r->body_fd_size = (uint64_t)st.st_size;
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"finbridge-%s-%s.%s\"",
             q->kind, fb_date_format(q->as_of, date), fb_export_extension(q->format));
    snprintf(r->outcome, sizeof r->outcome, "export %s: %llu rows", q->kind,
             (unsigned long long)rows);
    return FB_OK;
}

int fb__api_export(req *r, fb_book *book) {
    /* The route table keeps a government user to the reports; this says it again here, where
     * the kind is read, so that a route added without the roles still names no borrower. */
    if (r->user.role == FB_ROLE_GOVERNMENT && fb_export_kind_names_borrowers(r->seg[2])) {
        return fb_problem(r, 403, "forbidden", NULL, "a government user sees aggregates only");
    }
    fb_export_request q;
    if (!request(r, &q)) return FB_OK;
    char source[sizeof r->path + sizeof r->user.name + 64];
    snprintf(source, sizeof source, "finbridge API GET %s（%s）", r->path, r->user.name);
    fb_text_cut(source, sizeof source);
    q.source = source;
    /* A government user reads the reports as it reads them in JSON: small cells blank. */
    q.protect = r->user.role == FB_ROLE_GOVERNMENT;
    char path[512];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/finbridge-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        return fb_problem(r, 500, "the export failed", NULL, "a temporary file: %s",
                          FB_ERRNO_TEXT(errno));
    }
    close(fd);
    fb_export_outcome out;
    int rc = fb_export_write(book, &q, path, &out);
    if (rc == FB_OK) return answer_file(r, &q, path, out.rows);
    unlink(path);
    if (rc == FB_ENOTFOUND) return fb_problem(r, 404, "not found", NULL, "%s", out.message);
    if (rc == FB_EINVAL) return fb_problem(r, 422, "no export", NULL, "%s", out.message);
    if (rc == FB_ELIMIT) {
        return fb_problem(r, 413, "export too large", NULL,
                          "%s: the API serves at most %d rows; use finbridge export", out.message,
                          FB_EXPORT_API_ROWS_MAX);
    }
    return fb_problem(r, 500, "the export failed", NULL, "%s", out.message);
}
