/* industry.c — GB/T 4754-2017 industry codes, the province's key-industry chains, SME size classes
 * (工信部联企业〔2011〕300号) and technology SMEs.
 *
 * The project's table holds the 97 divisions (two digits) with their sections; a four-digit class
 * is accepted when its division exists and its last two digits are not 00. The classes of the key
 * chains are named one by one (DOMAIN.md). */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

typedef struct {
    int division;
    char section;
    const char *zh;
} division_info;

static const division_info divisions[] = {
    {1, 'A', "农业"},
    {2, 'A', "林业"},
    {3, 'A', "畜牧业"},
    {4, 'A', "渔业"},
    {5, 'A', "农、林、牧、渔专业及辅助性活动"},
    {6, 'B', "煤炭开采和洗选业"},
    {7, 'B', "石油和天然气开采业"},
    {8, 'B', "黑色金属矿采选业"},
    {9, 'B', "有色金属矿采选业"},
    {10, 'B', "非金属矿采选业"},
    {11, 'B', "开采专业及辅助性活动"},
    {12, 'B', "其他采矿业"},
    {13, 'C', "农副食品加工业"},
    {14, 'C', "食品制造业"},
    {15, 'C', "酒、饮料和精制茶制造业"},
    {16, 'C', "烟草制品业"},
    {17, 'C', "纺织业"},
    {18, 'C', "纺织服装、服饰业"},
    {19, 'C', "皮革、毛皮、羽毛及其制品和制鞋业"},
    {20, 'C', "木材加工和木、竹、藤、棕、草制品业"},
    {21, 'C', "家具制造业"},
    {22, 'C', "造纸和纸制品业"},
    {23, 'C', "印刷和记录媒介复制业"},
    {24, 'C', "文教、工美、体育和娱乐用品制造业"},
    {25, 'C', "石油、煤炭及其他燃料加工业"},
    {26, 'C', "化学原料和化学制品制造业"},
    {27, 'C', "医药制造业"},
    {28, 'C', "化学纤维制造业"},
    {29, 'C', "橡胶和塑料制品业"},
    {30, 'C', "非金属矿物制品业"},
    {31, 'C', "黑色金属冶炼和压延加工业"},
    {32, 'C', "有色金属冶炼和压延加工业"},
    {33, 'C', "金属制品业"},
    {34, 'C', "通用设备制造业"},
    {35, 'C', "专用设备制造业"},
    {36, 'C', "汽车制造业"},
    {37, 'C', "铁路、船舶、航空航天和其他运输设备制造业"},
    {38, 'C', "电气机械和器材制造业"},
    {39, 'C', "计算机、通信和其他电子设备制造业"},
    {40, 'C', "仪器仪表制造业"},
    {41, 'C', "其他制造业"},
    {42, 'C', "废弃资源综合利用业"},
    {43, 'C', "金属制品、机械和设备修理业"},
    {44, 'D', "电力、热力生产和供应业"},
    {45, 'D', "燃气生产和供应业"},
    {46, 'D', "水的生产和供应业"},
    {47, 'E', "房屋建筑业"},
    {48, 'E', "土木工程建筑业"},
    {49, 'E', "建筑安装业"},
    {50, 'E', "建筑装饰、装修和其他建筑业"},
    {51, 'F', "批发业"},
    {52, 'F', "零售业"},
    {53, 'G', "铁路运输业"},
    {54, 'G', "道路运输业"},
    {55, 'G', "水上运输业"},
    {56, 'G', "航空运输业"},
    {57, 'G', "管道运输业"},
    {58, 'G', "多式联运和运输代理业"},
    {59, 'G', "装卸搬运和仓储业"},
    {60, 'G', "邮政业"},
    {61, 'H', "住宿业"},
    {62, 'H', "餐饮业"},
    {63, 'I', "电信、广播电视和卫星传输服务"},
    {64, 'I', "互联网和相关服务"},
    {65, 'I', "软件和信息技术服务业"},
    {66, 'J', "货币金融服务"},
    {67, 'J', "资本市场服务"},
    {68, 'J', "保险业"},
    {69, 'J', "其他金融业"},
    {70, 'K', "房地产业"},
    {71, 'L', "租赁业"},
    {72, 'L', "商务服务业"},
    {73, 'M', "研究和试验发展"},
    {74, 'M', "专业技术服务业"},
    {75, 'M', "科技推广和应用服务业"},
    {76, 'N', "水利管理业"},
    {77, 'N', "生态保护和环境治理业"},
    {78, 'N', "公共设施管理业"},
    {79, 'N', "土地管理业"},
    {80, 'O', "居民服务业"},
    {81, 'O', "机动车、电子产品和日用产品修理业"},
    {82, 'O', "其他服务业"},
    {83, 'P', "教育"},
    {84, 'Q', "卫生"},
    {85, 'Q', "社会工作"},
    {86, 'R', "新闻和出版业"},
    {87, 'R', "广播、电视、电影和录音制作业"},
    {88, 'R', "文化艺术业"},
    {89, 'R', "体育"},
    {90, 'R', "娱乐业"},
    {91, 'S', "中国共产党机关"},
    {92, 'S', "国家机构"},
    {93, 'S', "人民政协、民主党派"},
    {94, 'S', "社会保障"},
    {95, 'S', "群众团体、社会团体和其他成员组织"},
    {96, 'S', "基层群众自治组织及其他组织"},
    {97, 'T', "国际组织"},
};

static const division_info *division_of(int d) {
    for (size_t i = 0; i < sizeof divisions / sizeof divisions[0]; i++) {
        if (divisions[i].division == d) return &divisions[i];
    }
    return NULL;
}

/* Reads a four-digit class into its number, or -1. */
static int class_number(const char *code) {
    if (!code || strlen(code) != 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (code[i] < '0' || code[i] > '9') return -1;
        v = v * 10 + (code[i] - '0');
    }
    return v;
}

int fb_industry_check(const char *code, fb_industry_info *info, const char **reason) {
    FB_ASSERT(info != NULL);
    memset(info, 0, sizeof *info);
    int v = class_number(code);
    const char *why = NULL;
    if (v < 0) {
        why = "must be a four-digit GB/T 4754-2017 class such as 3421";
    } else if (!division_of(v / 100)) {
        why = "is not in a GB/T 4754-2017 division";
    } else if (v % 100 == 0) {
        why = "names a division, not a class (its last two digits are 00)";
    }
    if (why) {
        if (reason) *reason = why;
        return FB_EINVAL;
    }
    const division_info *d = division_of(v / 100);
    info->class_code = v;
    info->division = d->division;
    info->section = d->section;
    info->division_zh = d->zh;
    return FB_OK;
}

/* ---- Key-industry chains (DOMAIN.md) ------------------------------------------------------ */

static const struct {
    int from, to; /* an inclusive range of classes */
    fb_chain chain;
} chain_classes[] = {
    /* The named classes first: they belong to their chain before their division's. */
    {3421, 3422, FB_CHAIN_MACHINE_TOOLS},       {3425, 3425, FB_CHAIN_MACHINE_TOOLS},
    {3491, 3491, FB_CHAIN_MACHINE_TOOLS},       {3741, 3749, FB_CHAIN_AEROSPACE},
    {3973, 3973, FB_CHAIN_INTEGRATED_CIRCUITS}, {6520, 6520, FB_CHAIN_INTEGRATED_CIRCUITS},
    {3562, 3562, FB_CHAIN_INTEGRATED_CIRCUITS}, {3400, 3599, FB_CHAIN_HIGH_END_EQUIPMENT},
    {3700, 3799, FB_CHAIN_HIGH_END_EQUIPMENT},  {2500, 2699, FB_CHAIN_PETROCHEMICALS},
    {3100, 3299, FB_CHAIN_METALLURGY},
};

const char *fb_key_chain(int class_code) {
    for (size_t i = 0; i < sizeof chain_classes / sizeof chain_classes[0]; i++) {
        if (class_code >= chain_classes[i].from && class_code <= chain_classes[i].to) {
            FB_ASSERT(chain_classes[i].chain != FB_CHAIN_NONE);
            return fb_chain_name(chain_classes[i].chain);
        }
    }
    return NULL;
}

const char *fb_key_chain_name(int i) {
    /* The chains after "none", in the vocabulary's order. */
    return i >= 0 && i + 1 < FB_CHAIN_COUNT_ ? fb_chain_name((fb_chain)(i + 1)) : NULL;
}

const char *fb_key_chain_zh(const char *chain) {
    fb_chain c = FB_CHAIN_NONE;
    if (!chain || fb_chain_parse(chain, &c) || c == FB_CHAIN_NONE) return NULL;
    size_t n = 0;
    const fb_term *terms = fb_vocab_terms(FB_VOCAB_CHAIN, &n);
    FB_ASSERT((size_t)c < n);
    return terms[c].zh;
}

/* ---- SME size classes (工信部联企业〔2011〕300号) ------------------------------------------- */

/* Thresholds of one sector: employees X, revenue Y and total assets Z (万元), for large, medium
 * and small; 0 where the sector does not use the indicator. */
typedef struct {
    const char *sector;
    int64_t x[3], y[3], z[3];
} size_rule;

/* The rows of DOMAIN.md; then, marked, the rows of the standard that DOMAIN.md does not list. */
static const size_rule rules[] = {
    {"industry", {1000, 300, 20}, {40000, 2000, 300}, {0, 0, 0}},
    {"construction", {0, 0, 0}, {80000, 6000, 300}, {80000, 5000, 300}},
    {"wholesale", {200, 20, 5}, {40000, 5000, 1000}, {0, 0, 0}},
    {"retail", {300, 50, 10}, {20000, 500, 100}, {0, 0, 0}},
    {"transport", {1000, 300, 20}, {30000, 3000, 200}, {0, 0, 0}},
    {"warehousing", {200, 100, 20}, {30000, 1000, 100}, {0, 0, 0}},
    {"software", {300, 100, 10}, {10000, 1000, 50}, {0, 0, 0}},
    {"information_transmission", {2000, 100, 10}, {100000, 1000, 100}, {0, 0, 0}},
    {"agriculture", {0, 0, 0}, {20000, 500, 50}, {0, 0, 0}},
    {"leasing_business_services", {300, 100, 10}, {0, 0, 0}, {120000, 8000, 100}},
    /* From the standard, beyond DOMAIN.md's table: */
    {"postal", {1000, 300, 20}, {30000, 2000, 100}, {0, 0, 0}},
    {"accommodation", {300, 100, 10}, {10000, 2000, 100}, {0, 0, 0}},
    {"catering", {300, 100, 10}, {10000, 2000, 100}, {0, 0, 0}},
    {"real_estate_development", {0, 0, 0}, {200000, 1000, 100}, {10000, 5000, 2000}},
    {"property_management", {1000, 300, 100}, {5000, 1000, 500}, {0, 0, 0}},
    {"other", {300, 100, 10}, {0, 0, 0}, {0, 0, 0}},
};

static const size_rule *rule_by_name(const char *sector) {
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (strcmp(rules[i].sector, sector) == 0) return &rules[i];
    }
    FB_ASSERT(0 && "unknown sector");
    return NULL;
}

const char *fb_size_sector(int class_code) {
    int d = class_code / 100;
    if (d >= 1 && d <= 5) return "agriculture";
    if (d >= 6 && d <= 46) return "industry";
    if (d >= 47 && d <= 50) return "construction";
    if (d == 51) return "wholesale";
    if (d == 52) return "retail";
    if (d >= 54 && d <= 58) return "transport"; /* rail (53) is not in the transport row */
    if (d == 59) return "warehousing";
    if (d == 60) return "postal";
    if (d == 61) return "accommodation";
    if (d == 62) return "catering";
    if (d == 63 || d == 64) return "information_transmission";
    if (d == 65) return "software";
    if (class_code == 7010) return "real_estate_development";
    if (class_code == 7020) return "property_management";
    if (d == 71 || d == 72) return "leasing_business_services";
    return "other";
}

/* Does the firm reach every bound of tier t? Y and Z are compared in fen. */
static bool reaches(const size_rule *r, int t, const fb_firm_figures *f) {
    const int64_t wan_fen = 1000000; /* 1 万元 = 10,000 yuan = 1,000,000 fen */
    return (!r->x[t] || f->employees >= r->x[t]) &&
           (!r->y[t] || f->revenue_fen >= r->y[t] * wan_fen) &&
           (!r->z[t] || f->total_assets_fen >= r->z[t] * wan_fen);
}

static int bounds_text(const size_rule *r, int t, char *buf, size_t cap) {
    char x[32] = "", y[32] = "", z[32] = "";
    if (r->x[t]) snprintf(x, sizeof x, "X>=%lld", (long long)r->x[t]);
    if (r->y[t]) snprintf(y, sizeof y, "%sY>=%lld万", r->x[t] ? " " : "", (long long)r->y[t]);
    if (r->z[t]) snprintf(z, sizeof z, " Z>=%lld万", (long long)r->z[t]);
    return snprintf(buf, cap, "%s%s%s", x, y, z);
}

fb_size_class fb_size_classify(int class_code, const fb_firm_figures *f, char *why, size_t cap) {
    const size_rule *r = rule_by_name(fb_size_sector(class_code));
    fb_size_class c = FB_SIZE_MICRO;
    for (int t = 0; t < 3; t++) {
        if (reaches(r, t, f)) {
            c = (fb_size_class)t;
            break;
        }
    }
    if (why && cap) {
        char bounds[96];
        int t = c == FB_SIZE_MICRO ? 2 : (int)c;
        bounds_text(r, t, bounds, sizeof bounds);
        snprintf(why, cap, "%s sector: %s %s (%s)", r->sector, fb_size_class_name(c),
                 c == FB_SIZE_MICRO ? "below the small bounds" : "reaches", bounds);
    }
    return c;
}

bool fb_tech_sme(const fb_firm_figures *f, bool technology_flag, char *why, size_t cap) {
    const int64_t limit_fen = 20000000000LL; /* 200,000,000 yuan */
    bool ok = technology_flag && f->employees <= 500 && f->revenue_fen <= limit_fen &&
              f->total_assets_fen <= limit_fen;
    if (why && cap) {
        snprintf(
            why, cap,
            "科技型中小企业: a technology flag, staff <= 500, sales and assets each <= 2亿: %s",
            ok ? "met" : "not met");
    }
    return ok;
}
