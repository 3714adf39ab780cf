/* test_corpus.c — replays every input under tests/corpus/decode through the decoders' fuzz
 * property (tests/fuzz/fuzz_decode.c), every input under tests/corpus/request through the API
 * request decoder's (tests/fuzz/fuzz_request.c), every input under tests/corpus/query through the
 * query parsers' (tests/fuzz/fuzz_query.c), those under tests/corpus/csv and tests/corpus/xlsx
 * through the table readers' (tests/fuzz/fuzz_csv.c, fuzz_xlsx.c), and every input under
 * tests/corpus/<record>/ through the book's record decoders' (tests/fuzz/fuzz_book.c): what a
 * fuzzer once found stays fixed. */
#include <dirent.h>

#include "fuzz/fuzz_book.c"
#include "fuzz/fuzz_csv.c"
#include "fuzz/fuzz_decode.c"
#include "fuzz/fuzz_query.c"
#include "fuzz/fuzz_request.c"
#include "fuzz/fuzz_xlsx.c"
#include "test.h"

/* The record whose property replay_book runs (replay takes a plain function). */
static const fb_fuzz_record *book_record;
static int book_property(const uint8_t *data, size_t size) {
    return fb_fuzz_book_one(book_record, data, size);
}

/* Replays every file of dir through property; returns the count of files. */
static int replay(const char *dir, int (*property)(const uint8_t *, size_t), size_t max) {
    DIR *d = opendir(dir);
    EXPECT_TRUE(d != NULL);
    if (!d) return 0;
    int files = 0, bad = 0;
    uint8_t *buf = malloc(max + 1);
    struct dirent *e;
    while (buf && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t n = fread(buf, 1, max, f);
        fclose(f);
        files++;
        if (property(buf, n)) {
            printf("  property failed on %s\n", path);
            bad++;
        }
    }
    free(buf);
    closedir(d);
    EXPECT_EQ_INT(0, bad);
    printf("  %s: %d inputs replayed\n", dir, files);
    return files;
}

static void corpus_replays_cleanly(void) {
    EXPECT_TRUE(replay("tests/corpus/decode", fb_fuzz_decode_one, FB_LINE_MAX) >= 10);
}

static void request_corpus_replays_cleanly(void) {
    EXPECT_TRUE(replay("tests/corpus/request", fb_fuzz_request_one, 1u << 20) >= 7);
}

static void query_corpus_replays_cleanly(void) {
    EXPECT_TRUE(replay("tests/corpus/query", fb_fuzz_query_one, 256) >= 20);
}

static void csv_corpus_replays_cleanly(void) {
    EXPECT_TRUE(replay("tests/corpus/csv", fb_fuzz_csv_one, CSVF_INPUT_MAX) >= 10);
}

static void xlsx_corpus_replays_cleanly(void) {
    EXPECT_TRUE(replay("tests/corpus/xlsx", fb_fuzz_xlsx_one, XLSXF_INPUT_MAX) >= 10);
}

/* Each of the book's records has a corpus of its own, minimised (make fuzz grows them). */
static void book_corpora_replay_cleanly(void) {
    for (size_t i = 0; i < FB_FUZZ_RECORDS; i++) {
        char dir[128];
        snprintf(dir, sizeof dir, "tests/corpus/%s", fb_fuzz_records[i].name);
        book_record = &fb_fuzz_records[i];
        EXPECT_TRUE(replay(dir, book_property, FB_LINE_MAX) >= 10);
    }
}

int main(void) {
    RUN(corpus_replays_cleanly);
    RUN(request_corpus_replays_cleanly);
    RUN(query_corpus_replays_cleanly);
    RUN(csv_corpus_replays_cleanly);
    RUN(xlsx_corpus_replays_cleanly);
    RUN(book_corpora_replay_cleanly);
    return test_summary();
}
