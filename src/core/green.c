/* green.c — the shape of the codes of 绿色金融支持项目目录（2025年版）, and its nine level-1
 * categories. The 38 level-2 and 271 level-3 items are not known here: a book loads the official
 * annex (book/green.c); until it does, a green item is checked for its shape and its level-1
 * category only. */
#include <string.h>

#include "finbridge/core.h"

/* The level-1 categories in the order the catalogue lists them, numbered 1 to 9 by that order
 * (中国氢能联盟's summary of the catalogue; the numbering is inferred from the order and is
 * verified only when the annex is loaded). */
static const char *const level1[FB_GREEN_LEVEL1_COUNT] = {
    "节能降碳产业",     "环境保护产业",       "资源循环利用产业",
    "能源绿色低碳转型", "生态保护修复和利用", "基础设施绿色升级",
    "绿色服务",         "绿色贸易",           "绿色消费"};

const char *fb_green_level1_name(int code) {
    return code >= 1 && code <= FB_GREEN_LEVEL1_COUNT ? level1[code - 1] : NULL;
}

int fb_green_code_check(const char *code, int *levels, const char **reason) {
    *levels = 0;
    size_t len = code ? strlen(code) : 0;
    if (len == 0) return *reason = "is empty", FB_EINVAL;
    if (len > FB_GREEN_CODE_MAX) return *reason = "is longer than a catalogue code", FB_EINVAL;
    int parts = 0, first = 0;
    for (const char *p = code; *p;) {
        if (*p < '1' || *p > '9') {
            return *reason = "must be dotted numbers from 1 to 99 (such as 3.2.1)", FB_EINVAL;
        }
        int v = *p++ - '0';
        if (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
        if (*p >= '0' && *p <= '9') return *reason = "has a number above 99", FB_EINVAL;
        if (++parts > FB_GREEN_LEVELS) return *reason = "has more than three levels", FB_EINVAL;
        if (parts == 1) first = v;
        if (*p == '.') {
            p++;
            if (!*p) return *reason = "ends with a dot", FB_EINVAL;
        } else if (*p) {
            return *reason = "must be dotted numbers from 1 to 99 (such as 3.2.1)", FB_EINVAL;
        }
    }
    if (!fb_green_level1_name(first)) {
        return *reason = "names no level-1 category of the catalogue (1 to 9)", FB_EINVAL;
    }
    *levels = parts;
    return FB_OK;
}
