/* uscc.c — the unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
 * 0-9 and A-Z without I, O, Z, S, V; the last is a check character (weights 3^i mod 31 over the
 * first 17; check = 31 - sum mod 31, 31 -> 0). */
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; /* 31 characters */
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int value_of(char c) {
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

typedef struct {
    char authority;
    const char *name;
    const char *kinds[4]; /* kind characters 1, 2, 3, 9 */
} authority_info;

/* The registering authorities whose kinds the project relies on. Others are shown by their
 * character only. */
static const authority_info authorities[] = {
    {'1',
     "civil service organisation office (机构编制)",
     {"government organ (机关)", "public institution (事业单位)", "mass organisation (群众团体)",
      "other (其他)"}},
    {'5',
     "civil affairs (民政)",
     {"social organisation (社会团体)", "private non-enterprise unit (民办非企业单位)",
      "foundation (基金会)", "other (其他)"}},
    {'9',
     "market regulator (工商/市场监管)",
     {"enterprise (企业)", "individual business (个体工商户)",
      "farmers' cooperative (农民专业合作社)", NULL}},
};

static const authority_info *authority_of(char c) {
    for (size_t i = 0; i < sizeof authorities / sizeof authorities[0]; i++) {
        if (authorities[i].authority == c) return &authorities[i];
    }
    return NULL;
}

static void describe(const char *code, fb_uscc_info *info) {
    info->authority = code[0];
    info->kind = code[1];
    const authority_info *a = authority_of(code[0]);
    info->authority_name = a ? a->name : "another registering authority";
    if (a) {
        int k = code[1] == '1'   ? 0
                : code[1] == '2' ? 1
                : code[1] == '3' ? 2
                : code[1] == '9' ? 3
                                 : -1;
        info->kind_name = k >= 0 ? a->kinds[k] : NULL;
    }
    memcpy(info->region, code + 2, 6);
    info->region[6] = '\0';
    memcpy(info->organisation, code + 8, 9);
    info->organisation[9] = '\0';
}

static int refuse(fb_uscc_info *info, const char *reason, int position) {
    info->valid = false;
    info->reason = reason;
    info->position = position;
    return FB_EINVAL;
}

int fb_uscc_check(const char *code, size_t len, fb_uscc_info *info) {
    FB_ASSERT(code != NULL && info != NULL);
    memset(info, 0, sizeof *info);
    if (len != 18) return refuse(info, "must be 18 characters", 0);
    int sum = 0;
    for (int i = 0; i < 18; i++) {
        int v = value_of(code[i]);
        if (v < 0) {
            return refuse(info,
                          code[i] >= 'a' && code[i] <= 'z'
                              ? "has a lowercase letter (codes are upper case)"
                              : "has a character outside 0-9 and A-Z without I, O, Z, S, V",
                          i + 1);
        }
        if (i < 17) sum += v * weights[i];
    }
    int check = 31 - sum % 31;
    info->expected_check = alphabet[check == 31 ? 0 : check];
    describe(code, info);
    if (code[17] != info->expected_check) return refuse(info, "has the wrong check character", 18);
    for (int i = 0; i < 6; i++) {
        if (info->region[i] < '0' || info->region[i] > '9') {
            return refuse(info, "has a region code that is not six digits", 3 + i);
        }
    }
    info->valid = true;
    return FB_OK;
}
