/* bench/readers.c — the table readers on large files (make bench): a 1,000,000-row CSV in UTF-8
 * and in GB18030, and a 200,000-row XLSX whose texts are shared strings, as Excel writes them.
 * Each read runs in a child process, so that its peak memory (wait4's ru_maxrss) is its own; the
 * baselines run the same way: `wc -l` on the CSV, and inflating the sheet without parsing it.
 *
 * Prints rows per second, MB per second and peak memory, and the ratios to the baseline. */
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tests/readers.h"

#define CSV_ROWS 1000000L
#define XLSX_ROWS 200000L

typedef struct {
    double seconds; /* wall */
    double cpu_s;   /* user and system: the machine may be shared */
    long peak_kib;
    long rows;
} run;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs fn(arg) in a child, which writes its count of rows to a pipe. */
static run in_child(long (*fn)(const char *), const char *arg) {
    int fds[2];
    run r = {0, 0, 0, -1};
    if (pipe(fds) != 0) return r;
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        long rows = fn(arg);
        if (write(fds[1], &rows, sizeof rows) != (ssize_t)sizeof rows) _exit(2);
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], &r.rows, sizeof r.rows) != (ssize_t)sizeof r.rows) r.rows = -1;
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    r.seconds = now_s() - t0;
    r.peak_kib = ru.ru_maxrss;
    r.cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
              (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return r;
}

/* ---- The files ---------------------------------------------------------------------------- */

static void write_csv(const char *path, long rows) {
    FILE *f = fopen(path, "w");
    fprintf(
        f,
        "\xEF\xBB\xBF借款编号,借款人,统一社会信用代码,本金,年利率,起息日,到期日,五级分类,备注\r\n");
    static const char *names[] = {"沈阳机床", "大连港", "鞍钢", "抚顺石化", "本溪钢铁"};
    static const char *classes[] = {"正常", "关注", "次级"};
    for (long i = 1; i <= rows; i++) {
        fprintf(f,
                "L%08ld,\"%s第%ld分公司, 有限公司\",91210100MA%07ldX,%ld.%02ld,3.%04ld,"
                "2025-%02ld-%02ld,2027-%02ld-%02ld,%s,%s\r\n",
                i, names[i % 5], i % 977, i % 10000000, 1000 + i * 37 % 50000000, i % 100,
                i % 10000, 1 + i % 12, 1 + i % 28, 1 + (i / 7) % 12, 1 + (i / 3) % 28,
                classes[i % 3], i % 4 ? "" : "\"续贷\"\"一\"\"\"");
    }
    fclose(f);
}

/* Converts the UTF-8 file to GB18030 in chunks. */
static void write_gb18030(const char *from, const char *to) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char buf[65536], conv[2 * 65536];
    size_t keep = 0, n;
    fseek(in, 3, SEEK_SET); /* no BOM in GB18030 */
    while ((n = fread(buf + keep, 1, sizeof buf - keep, in)) > 0 || keep > 0) {
        char *p = buf, *o = conv;
        size_t left = keep + n, room = sizeof conv;
        iconv(cd, &p, &left, &o, &room);
        fwrite(conv, 1, sizeof conv - room, out);
        memmove(buf, p, left);
        if (n == 0) break;
        keep = left;
    }
    iconv_close(cd);
    fclose(in);
    fclose(out);
}

/* A workbook as Excel writes one: every text a shared string (loan ids and names distinct). */
static void write_xlsx(const char *path, long rows) {
    char sheet[512], strings[512];
    snprintf(sheet, sizeof sheet, "%s.sheet.xml", path);
    snprintf(strings, sizeof strings, "%s.strings.xml", path);
    FILE *s = fopen(strings, "w"), *f = fopen(sheet, "w");
    fprintf(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " XLSX_NS ">");
    fprintf(s, "<si><t>借款编号</t></si><si><t>借款人</t></si><si><t>本金</t></si><si><t>年利率"
               "</t></si><si><t>起息日</t></si><si><t>五级分类</t></si><si><t>正常</t></si>");
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " XLSX_NS "><sheetData>");
    fprintf(f, "<row r=\"1\" spans=\"1:6\">");
    for (int c = 0; c < 6; c++)
        fprintf(f, "<c r=\"%c1\" t=\"s\"><v>%d</v></c>", 'A' + c, c);
    fprintf(f, "</row>");
    for (long i = 2; i <= rows + 1; i++) {
        long id = 7 + 2 * (i - 2);
        fprintf(s, "<si><t>L%08ld</t></si><si><t>沈阳第%ld机床有限公司</t></si>", i, i);
        fprintf(f,
                "<row r=\"%ld\" spans=\"1:6\"><c r=\"A%ld\" t=\"s\"><v>%ld</v></c><c r=\"B%ld\" "
                "t=\"s\"><v>%ld</v></c><c r=\"C%ld\" s=\"2\"><v>%ld.%02ld00000000001</v></c><c "
                "r=\"D%ld\" s=\"3\"><v>3.%04ld</v></c><c r=\"E%ld\" s=\"1\"><v>%ld</v></c><c "
                "r=\"F%ld\" t=\"s\"><v>6</v></c></row>",
                i, i, id, i, id + 1, i, 1000 + i * 37 % 50000000, i % 100, i, i % 10000, i,
                45000 + i % 1000, i);
    }
    fprintf(s, "</sst>");
    fprintf(f, "</sheetData></worksheet>");
    fclose(s);
    fclose(f);
    const char *styles = "<styleSheet " XLSX_NS "><cellXfs><xf numFmtId=\"0\"/><xf "
                         "numFmtId=\"14\"/><xf numFmtId=\"4\"/><xf numFmtId=\"10\"/></cellXfs>"
                         "</styleSheet>";
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
                           {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
                           {"xl/worksheets/sheet1.xml", sheet, 0, false, true},
                           {"xl/sharedStrings.xml", strings, 0, false, true},
                           {"xl/styles.xml", styles, 0, false, false}};
    if (!xlsx_build_file(path, parts, 6)) printf("cannot write %s\n", path);
    remove(sheet);
    remove(strings);
}

/* ---- The runs ----------------------------------------------------------------------------- */

static long read_table(const char *path) {
    fb_table *t = NULL;
    fb_table_error err;
    if (fb_table_open_file(path, NULL, &t, &err) != FB_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    fb_table_row row;
    long rows = 0;
    size_t bytes = 0;
    int rc = fb_table_header(t, &row);
    while ((rc = fb_table_next(t, &row)) == 1) {
        rows++;
        bytes += row.cells[0].len; /* touch the row */
    }
    if (rc < 0) fprintf(stderr, "%s\n", fb_table_last_error(t)->message);
    fb_table_close(t);
    return rc == 0 && bytes > 0 ? rows : -1;
}

static long wc_l(const char *path) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execlp("wc", "wc", "-l", path, (char *)NULL);
    return -1;
}

static long inflate_sheet(const char *path) {
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &err);
    zip_file_t *f = za ? zip_fopen(za, "xl/worksheets/sheet1.xml", 0) : NULL;
    static char buf[65536];
    long total = 0;
    zip_int64_t n;
    while (f && (n = zip_fread(f, buf, sizeof buf)) > 0)
        total += n;
    if (f) zip_fclose(f);
    if (za) zip_discard(za);
    return total;
}

static double file_mb(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
}

static void report(const char *what, const char *path, run r, run base, const char *base_name) {
    double mb = file_mb(path);
    printf("%-28s %8ld rows %6.1f MB  cpu %5.2f s (wall %5.2f): %8.0f rows/s %6.1f MB/s, peak "
           "%5.1f MiB | %s: cpu %4.2f s, peak %4.1f MiB; x%.1f the time, x%.1f the memory\n",
           what, r.rows, mb, r.cpu_s, r.seconds, (double)r.rows / r.cpu_s, mb / r.cpu_s,
           (double)r.peak_kib / 1024, base_name, base.cpu_s, (double)base.peak_kib / 1024,
           r.cpu_s / (base.cpu_s > 0.005 ? base.cpu_s : 0.005),
           (double)r.peak_kib / (double)base.peak_kib);
}

int main(void) {
    char dir[] = "/tmp/finbridge-bench-readers.XXXXXX";
    if (!mkdtemp(dir)) return 1;
    char csv[256], gb[256], xlsx[256], small[256];
    snprintf(csv, sizeof csv, "%s/loans.csv", dir);
    snprintf(gb, sizeof gb, "%s/loans-gb18030.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/loans.xlsx", dir);
    snprintf(small, sizeof small, "%s/loans-small.csv", dir);
    printf("readers: writing %ld-row CSV files and a %ld-row workbook in %s\n", CSV_ROWS, XLSX_ROWS,
           dir);
    write_csv(csv, CSV_ROWS);
    write_csv(small, CSV_ROWS / 10);
    write_gb18030(csv, gb);
    write_xlsx(xlsx, XLSX_ROWS);
    run wc = in_child(wc_l, csv), wc_gb = in_child(wc_l, gb);
    report("CSV UTF-8 (auto-detected)", csv, in_child(read_table, csv), wc, "wc -l");
    report("CSV UTF-8, a tenth the rows", small, in_child(read_table, small), in_child(wc_l, small),
           "wc -l");
    report("CSV GB18030 (auto-detected)", gb, in_child(read_table, gb), wc_gb, "wc -l");
    report("XLSX, shared strings", xlsx, in_child(read_table, xlsx), in_child(inflate_sheet, xlsx),
           "inflate only");
    remove(csv);
    remove(gb);
    remove(xlsx);
    remove(small);
    rmdir(dir);
    return 0;
}
