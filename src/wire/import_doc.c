/* import_doc.c — the import's templates as a document (docs/import.md, "The templates"): for each
 * kind of file, every column with its Chinese and English headers, whether it is required, and
 * how its cell is read, from the very tables the import reads by (import_columns.c), so that the
 * document cannot say other than the code. `finbridge import --templates` prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/import_internal.h"

/* How a column's cell is read, in words; a term's, with its labels. */
static void reading(const fb__icol *c, char *out, size_t cap) {
    static const char *const what[] = {
        [FB__IC_IGNORE] = "derived by finbridge: accepted, not read",
        [FB__IC_TEXT] = "text",
        [FB__IC_ID] = "an id (A-Z a-z 0-9 . _ : -)",
        [FB__IC_MONEY] = "yuan, at most two decimals (thousands separators allowed)",
        [FB__IC_DATE] = "a date: YYYY-MM-DD, YYYY/M/D or YYYYMMDD, or a sheet's date",
        [FB__IC_INT] = "a whole number",
        [FB__IC_COUNT] = "a whole number, 0 or more",
        [FB__IC_RATE] = "a percent, at most four decimals (3.4500)",
        [FB__IC_BOOL] = "是/否 (true/false, Y/N, 1/0)",
        [FB__IC_TERM] = "one of",
        [FB__IC_REGION] = "a six-digit division code, or a Liaoning city's name",
        [FB__IC_INDUSTRY] = "a GB/T 4754-2017 class, four digits",
        [FB__IC_KIND] = "a template's name or title",
    };
    FB_ASSERT((unsigned)c->type < sizeof what / sizeof what[0] && what[c->type] != NULL);
    size_t at = (size_t)snprintf(out, cap, "%s", what[c->type]);
    if (c->type != FB__IC_TERM) return;
    size_t n = 0;
    const fb_term *t = fb_vocab_terms((fb_vocab)c->vocab, &n);
    for (size_t i = 0; i < n && at < cap; i++) {
        int w = snprintf(out + at, cap - at, "%s %s (%s)", i ? "," : "", t[i].zh, t[i].key);
        if (w > 0) at += (size_t)w;
    }
}

int fb_import_templates_markdown(FILE *out) {
    FB_ASSERT(out != NULL);
    char how[1024];
    for (int k = 0; k < FB_IMPORT_KIND_COUNT_; k++) {
        const fb__ikind *x = &fb__ikinds[k];
        fprintf(out, "%s#### %s (%s)\n\n", k ? "\n" : "", x->name, x->title);
        fprintf(out, "| header | or | required | read as |\n| --- | --- | --- | --- |\n");
        for (size_t c = 0; c < x->n_cols; c++) {
            reading(&x->cols[c], how, sizeof how);
            fprintf(out, "| %s | `%s` | %s | %s |\n", x->cols[c].zh, x->cols[c].en,
                    x->cols[c].required ? "yes" : "", how);
        }
    }
    return ferror(out) ? FB_EIO : FB_OK;
}
