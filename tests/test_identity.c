/* test_identity.c — unified social credit codes, Liaoning's regions, industry classes, key
 * chains, SME size classes and technology SMEs. */
#include "finbridge/finbridge.h"
#include "test.h"

static fb_uscc_info check(const char *code) {
    fb_uscc_info info;
    fb_uscc_check(code, strlen(code), &info);
    return info;
}

/* A valid code with the given first 17 characters (its check character computed). */
static void with_check(const char *first17, char *out) {
    fb_uscc_info info;
    char tmp[19];
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(out, 19, "%s%c", first17, info.expected_check);
}

static void uscc_accepts_the_standards_example(void) {
    fb_uscc_info i = check("91350100M000100Y43");
    EXPECT_TRUE(i.valid);
    EXPECT_EQ_INT('9', i.authority);
    EXPECT_EQ_STR("market regulator (工商/市场监管)", i.authority_name);
    EXPECT_EQ_STR("enterprise (企业)", i.kind_name);
    EXPECT_EQ_STR("350100", i.region);
    EXPECT_EQ_STR("M000100Y4", i.organisation);
}

static void uscc_says_what_is_wrong(void) {
    fb_uscc_info i = check("91350100M000100Y44");
    EXPECT_TRUE(!i.valid);
    EXPECT_EQ_STR("has the wrong check character", i.reason);
    EXPECT_EQ_INT(18, i.position);
    EXPECT_EQ_INT('3', i.expected_check);
    i = check("91350100M000100Y4");
    EXPECT_EQ_STR("must be 18 characters", i.reason);
    i = check("91350100I000100Y43");
    EXPECT_EQ_STR("has a character outside 0-9 and A-Z without I, O, Z, S, V", i.reason);
    EXPECT_EQ_INT(9, i.position);
    i = check("91350100m000100Y43");
    EXPECT_EQ_STR("has a lowercase letter (codes are upper case)", i.reason);
    i = check("91350100S000100Y43");
    EXPECT_EQ_INT(9, i.position);
}

static void uscc_reads_individual_businesses_and_cooperatives(void) {
    char code[19];
    with_check("92210102MA0XY0123", code);
    fb_uscc_info i = check(code);
    EXPECT_TRUE(i.valid);
    EXPECT_EQ_STR("individual business (个体工商户)", i.kind_name);
    EXPECT_EQ_STR("210102", i.region);
    with_check("93211200MA0AB1234", code);
    EXPECT_EQ_STR("farmers' cooperative (农民专业合作社)", check(code).kind_name);
    with_check("52210000MJ0012345", code);
    EXPECT_EQ_STR("civil affairs (民政)", check(code).authority_name);
}

static void regions_know_liaonings_cities(void) {
    int32_t city = 0;
    EXPECT_TRUE(fb_region_city(210102, &city));
    EXPECT_EQ_INT(210100, city);
    EXPECT_EQ_STR("沈阳", fb_region_name_zh(city));
    EXPECT_TRUE(fb_region_city(211403, &city));
    EXPECT_EQ_STR("Huludao", fb_region_name_en(city));
    EXPECT_TRUE(fb_region_city(210000, &city));
    EXPECT_EQ_INT(210000, city);
    EXPECT_TRUE(!fb_region_city(211500, &city));
    EXPECT_TRUE(!fb_region_city(350100, &city));
    EXPECT_TRUE(!fb_region_city(210001, &city));
    size_t n = 0;
    const int32_t *all = fb_region_cities(&n);
    EXPECT_EQ_INT(14, n);
    EXPECT_EQ_INT(211400, all[13]);
}

static void industry_classes_are_checked(void) {
    fb_industry_info info;
    const char *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb_industry_check("3421", &info, &why));
    EXPECT_EQ_INT('C', info.section);
    EXPECT_EQ_STR("通用设备制造业", info.division_zh);
    EXPECT_EQ_INT(FB_OK, fb_industry_check("6520", &info, &why));
    EXPECT_EQ_INT('I', info.section);
    EXPECT_EQ_INT(FB_EINVAL, fb_industry_check("9901", &info, &why));
    EXPECT_EQ_STR("is not in a GB/T 4754-2017 division", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_industry_check("3400", &info, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_industry_check("342", &info, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_industry_check("34a1", &info, &why));
}

static void key_chains_follow_domain(void) {
    EXPECT_EQ_STR("machine_tools", fb_key_chain(3421));
    EXPECT_EQ_STR("machine_tools", fb_key_chain(3491));
    EXPECT_EQ_STR("aerospace", fb_key_chain(3744));
    EXPECT_EQ_STR("integrated_circuits", fb_key_chain(3562));
    EXPECT_EQ_STR("integrated_circuits", fb_key_chain(6520));
    EXPECT_EQ_STR("high_end_equipment", fb_key_chain(3731));
    EXPECT_EQ_STR("high_end_equipment", fb_key_chain(3511));
    EXPECT_EQ_STR("petrochemicals", fb_key_chain(2511));
    EXPECT_EQ_STR("petrochemicals", fb_key_chain(2662));
    EXPECT_EQ_STR("metallurgy", fb_key_chain(3120));
    EXPECT_EQ_STR("metallurgy", fb_key_chain(3216));
    EXPECT_TRUE(fb_key_chain(5211) == NULL);
    EXPECT_EQ_STR("工业母机", fb_key_chain_zh("machine_tools"));
}

static fb_size_class size(int cls, int32_t staff, int64_t revenue_wan, int64_t assets_wan) {
    fb_firm_figures f = {staff, revenue_wan * 1000000, assets_wan * 1000000};
    return fb_size_classify(cls, &f, NULL, 0);
}

static void size_classes_follow_the_standard(void) {
    /* Industry: every bound of a tier, else one tier down. */
    EXPECT_EQ_INT(FB_SIZE_LARGE, size(3421, 1000, 40000, 0));
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, size(3421, 999, 40000, 0));
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, size(3421, 5000, 39999, 0));
    EXPECT_EQ_INT(FB_SIZE_SMALL, size(3421, 20, 300, 0));
    EXPECT_EQ_INT(FB_SIZE_MICRO, size(3421, 19, 100000, 0));
    EXPECT_EQ_INT(FB_SIZE_MICRO, size(3421, 5000, 299, 0));
    /* Construction uses revenue and assets. */
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, size(4790, 1, 6000, 5000));
    EXPECT_EQ_INT(FB_SIZE_SMALL, size(4790, 1, 6000, 4999));
    /* Retail, wholesale, software, warehousing, agriculture, leasing. */
    EXPECT_EQ_INT(FB_SIZE_SMALL, size(5211, 10, 100, 0));
    EXPECT_EQ_INT(FB_SIZE_MICRO, size(5211, 9, 100, 0));
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, size(5174, 20, 5000, 0));
    EXPECT_EQ_INT(FB_SIZE_SMALL, size(6511, 10, 50, 0));
    EXPECT_EQ_INT(FB_SIZE_LARGE, size(5920, 200, 30000, 0));
    EXPECT_EQ_INT(FB_SIZE_SMALL, size(112, 0, 50, 0));
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, size(7211, 100, 0, 8000));
    EXPECT_EQ_STR("transport", fb_size_sector(5430));
    EXPECT_EQ_STR("other", fb_size_sector(5310)); /* rail is not in the transport row */
    EXPECT_EQ_STR("information_transmission", fb_size_sector(6410));
    char why[160];
    fb_firm_figures f = {350, 2500000000LL, 0}; /* 2,500万 */
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, fb_size_classify(3421, &f, why, sizeof why));
    EXPECT_EQ_STR("industry sector: medium reaches (X>=300 Y>=2000万)", why);
}

static void technology_smes(void) {
    fb_firm_figures f = {500, 20000000000LL, 20000000000LL};
    char why[200];
    EXPECT_TRUE(fb_tech_sme(&f, true, why, sizeof why));
    EXPECT_TRUE(!fb_tech_sme(&f, false, why, sizeof why));
    f.employees = 501;
    EXPECT_TRUE(!fb_tech_sme(&f, true, why, sizeof why));
    f.employees = 10;
    f.total_assets_fen += 1;
    EXPECT_TRUE(!fb_tech_sme(&f, true, why, sizeof why));
}

int main(void) {
    RUN(uscc_accepts_the_standards_example);
    RUN(uscc_says_what_is_wrong);
    RUN(uscc_reads_individual_businesses_and_cooperatives);
    RUN(regions_know_liaonings_cities);
    RUN(industry_classes_are_checked);
    RUN(key_chains_follow_domain);
    RUN(size_classes_follow_the_standard);
    RUN(technology_smes);
    return test_summary();
}
