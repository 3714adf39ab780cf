/* export.h — the book's exports as files for bank and government staff: parties, facilities,
 * loans, schedules, certificates and every report, as CSV (UTF-8 with a BOM, RFC 4180) or XLSX
 * (number cells in yuan, Chinese headers, a title row, a frozen header). Both doors call
 * fb_export_write, so that `finbridge export` and GET /v1/exports/{kind} give the same file.
 *
 * A kind is one table of columns over a source of rows (export_kinds.h): the columns say the
 * header, the type and where each value is in a row; the writers (export_csv.c, xlsx_writer.c)
 * know nothing of kinds. */
#ifndef FB_WIRE_EXPORT_H
#define FB_WIRE_EXPORT_H

#include "finbridge/finbridge.h"

typedef enum fb_export_format { FB_EXPORT_CSV = 0, FB_EXPORT_XLSX } fb_export_format;

/* What to export. The caller fills it; unused fields stay 0 or NULL. */
typedef struct fb_export_request {
    const char *kind; /* "loans", "credit", ...: fb_export_kind_names */
    fb_export_format format;
    int32_t as_of;         /* the day the figures stand at */
    int32_t from;          /* credit: new credit from (0: as_of alone); moves: required */
    unsigned dims;         /* credit: FB_BY_... */
    int32_t region;        /* 0 every borrower, 210000 the province's cities, or one city */
    const char *agreement; /* progress: the agreement */
    size_t limit;          /* exposures: how many borrowers (0: 100) */
    uint64_t rows_max;     /* 0: no cap; beyond it FB_ELIMIT */
    const char *book_name; /* for the title row: the database file's name */
    const char *source;    /* for the title row: the command or request that asked */
    bool protect;          /* as a government user reads the reports: small cells left blank
                              (book/disclosure.c) */
} fb_export_request;

/* What an export wrote, or why it did not. */
typedef struct fb_export_outcome {
    uint64_t rows;          /* data rows written */
    uint64_t money_as_text; /* XLSX: amounts beyond FB_XLSX_MONEY_MAX_FEN, written as text */
    unsigned sheets;        /* XLSX: sheets written (a sheet holds 1,048,574 rows) */
    char message[512];      /* why it was refused or failed */
} fb_export_outcome;

/* Whether name is an export kind, and whether its rows name borrowers or their records
 * (parties, facilities, loans, schedules, certificates, exposures): those never go to a
 * government user. */
bool fb_export_kind_known(const char *name);
bool fb_export_kind_names_borrowers(const char *name);
/* The kinds' names, comma-separated, for a usage line. */
const char *fb_export_kind_names(void);

/* Writes the export q asks for into a new file at path (replaced if it exists), reading the
 * book in one read transaction. Returns FB_OK; FB_EINVAL when the request is refused (an
 * unknown kind, a day not closed, an unknown agreement: out->message says why); FB_ELIMIT past
 * q->rows_max; FB_EIO or FB_ENOMEM when writing failed. On failure the file is removed. */
int fb_export_write(fb_book *book, const fb_export_request *q, const char *path,
                    fb_export_outcome *out);

/* The file's media type and extension for a format. */
const char *fb_export_media_type(fb_export_format f);
const char *fb_export_extension(fb_export_format f);

#endif
