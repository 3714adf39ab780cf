/* cmd_eod.c — `finbridge eod`: closes the bank's days through a date, one JSON line a day, with
 * a progress bar on a terminal. */
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

typedef struct {
    bool bar;   /* stderr is a terminal */
    bool quiet; /* no line per day */
} eod_ctx;

static void day_done(void *vctx, const fb_eod_day *d, int32_t done, int32_t total) {
    eod_ctx *ctx = vctx;
    char date[11];
    fb_date_format(d->date, date);
    if (!ctx->quiet) {
        json_t *o = fb_json_encode_eod_day(d);
        cli_print_json(stdout, o);
        fflush(stdout);
    }
    if (ctx->bar) {
        enum { WIDTH = 30 };
        int filled = total ? (int)((int64_t)done * WIDTH / total) : WIDTH;
        char bar[WIDTH + 1];
        memset(bar, '#', (size_t)filled);
        memset(bar + filled, '.', (size_t)(WIDTH - filled));
        bar[WIDTH] = 0;
        fprintf(stderr, "\rend of day %s [%s] %d/%d days", date, bar, done, total);
        if (done == total) fputc('\n', stderr);
    }
}

int cmd_eod(int argc, char **argv) {
    static const char *const extra[] = {"--date", "--allow-days", NULL};
    const char *usage = "finbridge eod --db PATH --date YYYY-MM-DD [--allow-days N] [--quiet]";
    bool quiet = false;
    char *args[64];
    int n = 0;
    for (int i = 0; i < argc && n < 64; i++) {
        if (strcmp(argv[i], "--quiet") == 0) {
            quiet = true;
        } else {
            args[n++] = argv[i];
        }
    }
    cli_opts o;
    if (!cli_parse_extra(n, args, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    int32_t through = 0;
    const char *why = NULL;
    if (!o.extra[0] || o.n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    if (fb_date_parse(o.extra[0], &through, &why) != FB_OK) {
        fprintf(stderr, "finbridge: --date %s: %s\n", o.extra[0], why);
        return CLI_ERROR;
    }
    fb_eod_options eo = {0, day_done, NULL, NULL};
    if (o.extra[1]) {
        const fb_setting_info *max = fb_setting_find("eod_max_days");
        int64_t days = 0;
        if (fb_setting_parse(max, o.extra[1], &days, &why) || days < 1 || days > max->max) {
            fprintf(stderr, "finbridge: --allow-days %s: must be a whole number from 1 to %lld\n",
                    o.extra[1], (long long)max->max);
            return CLI_ERROR;
        }
        eo.allow_days = (int32_t)days;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int32_t open = 0, closed = 0;
    int rc = fb_business_date(book, &open);
    if (rc == FB_OK && open > through) {
        char date[11];
        fprintf(stderr, "finbridge: %s is already closed; the business date is %s\n", o.extra[0],
                fb_date_format(open, date));
    }
    eod_ctx ctx = {isatty(STDERR_FILENO) != 0, quiet};
    eo.ctx = &ctx;
    if (rc == FB_OK) rc = fb_eod_run(book, through, &eo, &closed);
    if (rc) {
        fprintf(stderr, "%sfinbridge: end of day %s: %s\n", closed ? "\n" : "",
                rc == FB_EINVAL ? "refused" : "failed", fb_book_errmsg(book));
        fb_book_close(book);
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    fb_business_date(book, &open);
    char date[11];
    fprintf(stderr, "closed %d days; business date %s\n", closed, fb_date_format(open, date));
    fb_book_close(book);
    return CLI_OK;
}
