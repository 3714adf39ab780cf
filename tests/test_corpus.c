/* test_corpus.c — replays every input under tests/corpus/decode through the decoders' fuzz
 * property (tests/fuzz/fuzz_decode.c): what a fuzzer once found stays fixed. */
#include <dirent.h>

#include "fuzz/fuzz_decode.c"
#include "test.h"

static void corpus_replays_cleanly(void) {
    const char *dir = "tests/corpus/decode";
    DIR *d = opendir(dir);
    EXPECT_TRUE(d != NULL);
    if (!d) return;
    int files = 0, bad = 0;
    static uint8_t buf[FB_LINE_MAX + 1];
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        files++;
        if (fb_fuzz_decode_one(buf, n)) {
            printf("  property failed on %s\n", path);
            bad++;
        }
    }
    closedir(d);
    EXPECT_EQ_INT(0, bad);
    EXPECT_TRUE(files >= 10);
    printf("  %d inputs replayed\n", files);
}

int main(void) {
    RUN(corpus_replays_cleanly);
    return test_summary();
}
