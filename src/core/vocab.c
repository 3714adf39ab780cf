/* vocab.c — the lookup tables of the domain's vocabulary, built from the lists of vocab.h, and the
 * typed name and parse functions over them. */
#include <string.h>

#include "core/assert.h"
#include "core/vocab.h"

/* Each list entry's value is its constant's, and each list covers its enum. */
#define FB__CHECK_VALUE(constant, value, key, zh, en)                                              \
    _Static_assert((int)(constant) == (value), #constant " is not " #value);
#define FB__CHECK_LIST(kind, LIST, count, plural) LIST(FB__CHECK_VALUE)
FB_VOCABS(FB__CHECK_LIST)

#define FB__TERM(constant, value, key, zh, en) {value, #key, zh, en},
#define FB__TABLE(kind, LIST, count, plural)                                                       \
    static const fb_term plural##_terms[] = {LIST(FB__TERM)};                                      \
    _Static_assert(sizeof plural##_terms / sizeof plural##_terms[0] == (count),                    \
                   #plural " does not cover its enum");
FB_VOCABS(FB__TABLE)

static const struct {
    const fb_term *terms;
    size_t count;
    const char *name;
} vocabs[] = {
#define FB__ENTRY(kind, LIST, count, plural) [kind] = {plural##_terms, (count), #plural},
    FB_VOCABS(FB__ENTRY)
#undef FB__ENTRY
};
_Static_assert(sizeof vocabs / sizeof vocabs[0] == FB_VOCAB_COUNT_, "a vocabulary has no list");

const fb_term *fb_vocab_terms(fb_vocab v, size_t *count) {
    FB_ASSERT((unsigned)v < FB_VOCAB_COUNT_);
    FB_ASSERT(count != NULL);
    *count = vocabs[v].count;
    return vocabs[v].terms;
}

const char *fb_vocab_name(fb_vocab v) {
    FB_ASSERT((unsigned)v < FB_VOCAB_COUNT_);
    return vocabs[v].name;
}

const char *fb_vocab_key(fb_vocab v, int value) {
    FB_ASSERT((unsigned)v < FB_VOCAB_COUNT_);
    if (value < 0 || (size_t)value >= vocabs[v].count) return "unknown";
    FB_ASSERT(vocabs[v].terms[value].value == value);
    return vocabs[v].terms[value].key;
}

int fb_vocab_parse(fb_vocab v, const char *key, int *value) {
    FB_ASSERT((unsigned)v < FB_VOCAB_COUNT_);
    FB_ASSERT(value != NULL);
    for (size_t i = 0; key && i < vocabs[v].count; i++) {
        if (strcmp(key, vocabs[v].terms[i].key) == 0) {
            *value = vocabs[v].terms[i].value;
            return FB_OK;
        }
    }
    return FB_EINVAL;
}

/* The typed name and parse of each vocabulary.
 * NOLINTBEGIN(bugprone-macro-parentheses): a false positive: type is the type name of a
 * parameter's declaration (type *out), where parentheses cannot go. */
#define FB__TYPED(type, kind, name_fn, parse_fn)                                                   \
    const char *name_fn(type x) { return fb_vocab_key(kind, (int)x); }                             \
    int parse_fn(const char *s, type *out) {                                                       \
        int v = 0;                                                                                 \
        int rc = fb_vocab_parse(kind, s, &v);                                                      \
        if (rc == FB_OK) *out = (type)v;                                                           \
        return rc;                                                                                 \
    }
/* NOLINTEND(bugprone-macro-parentheses) */
FB__TYPED(fb_role, FB_VOCAB_ROLE, fb_role_name, fb_role_parse)
FB__TYPED(fb_line, FB_VOCAB_LINE, fb_line_name, fb_line_parse)
FB__TYPED(fb_chain, FB_VOCAB_CHAIN, fb_chain_name, fb_chain_parse)
FB__TYPED(fb_loan_class, FB_VOCAB_CLASS, fb_loan_class_name, fb_loan_class_parse)
FB__TYPED(fb_loan_status, FB_VOCAB_LOAN_STATUS, fb_loan_status_name, fb_loan_status_parse)
FB__TYPED(fb_party_kind, FB_VOCAB_PARTY_KIND, fb_party_kind_name, fb_party_kind_parse)
FB__TYPED(fb_project_status, FB_VOCAB_PROJECT_STATUS, fb_project_status_name,
          fb_project_status_parse)
FB__TYPED(fb_cert_status, FB_VOCAB_CERT_STATUS, fb_cert_status_name, fb_cert_status_parse)
FB__TYPED(fb_method, FB_VOCAB_METHOD, fb_method_name, fb_method_parse)
FB__TYPED(fb_day_count, FB_VOCAB_DAY_COUNT, fb_day_count_name, fb_day_count_parse)
FB__TYPED(fb_size_class, FB_VOCAB_SIZE, fb_size_class_name, fb_size_class_parse)
FB__TYPED(fb_measure, FB_VOCAB_MEASURE, fb_measure_name, fb_measure_parse)
FB__TYPED(fb_facility_status, FB_VOCAB_FACILITY_STATUS, fb_facility_status_name,
          fb_facility_status_parse)
FB__TYPED(fb_facility_change_kind, FB_VOCAB_FACILITY_CHANGE, fb_facility_change_name,
          fb_facility_change_parse)
FB__TYPED(fb_payment, FB_VOCAB_PAYMENT, fb_payment_name, fb_payment_parse)

FB__TYPED(fb_decline_reason, FB_VOCAB_DECLINE_REASON, fb_decline_reason_name,
          fb_decline_reason_parse)
FB__TYPED(fb_security, FB_VOCAB_SECURITY, fb_security_name, fb_security_parse)
FB__TYPED(fb_demand_source, FB_VOCAB_DEMAND_SOURCE, fb_demand_source_name, fb_demand_source_parse)
FB__TYPED(fb_pool_act_kind, FB_VOCAB_POOL_ACT, fb_pool_act_name, fb_pool_act_parse)
FB__TYPED(fb_pool_trigger, FB_VOCAB_POOL_TRIGGER, fb_pool_trigger_name, fb_pool_trigger_parse)
FB__TYPED(fb_guarantor, FB_VOCAB_GUARANTOR, fb_guarantor_name, fb_guarantor_parse)
FB__TYPED(fb_subsidy_mode, FB_VOCAB_SUBSIDY_MODE, fb_subsidy_mode_name, fb_subsidy_mode_parse)
FB__TYPED(fb_subsidy_act_kind, FB_VOCAB_SUBSIDY_ACT, fb_subsidy_act_name, fb_subsidy_act_parse)

const char *fb_demand_status_name(fb_demand_status s) {
    return fb_vocab_key(FB_VOCAB_DEMAND_STATUS, (int)s);
}

FB__TYPED(fb_difficulty, FB_VOCAB_DIFFICULTY, fb_difficulty_name, fb_difficulty_parse)
FB__TYPED(fb_change_kind, FB_VOCAB_CHANGE_KIND, fb_change_kind_name, fb_change_kind_parse)

const char *fb_class_reason_name(fb_class_reason r) {
    return fb_vocab_key(FB_VOCAB_CLASS_REASON, (int)r);
}

const char *fb_prepay_name(fb_prepay p) { return fb_vocab_key(FB_VOCAB_PREPAY, (int)p); }

/* A prepayment mode on the doors is one of the two that do something: "none" is not asked for. */
int fb_prepay_parse(const char *s, fb_prepay *out) {
    int v = 0;
    if (fb_vocab_parse(FB_VOCAB_PREPAY, s, &v) || v == FB_PREPAY_NONE) return FB_EINVAL;
    *out = (fb_prepay)v;
    return FB_OK;
}

fb_measure_unit fb_measure_unit_of(fb_measure m) {
    FB_ASSERT((unsigned)m < FB_MEASURE_COUNT_);
    switch (m) {
    case FB_MEASURE_INCLUSIVE_BORROWERS:
    case FB_MEASURE_PENSION_ACCOUNTS: return FB_UNIT_COUNT;
    case FB_MEASURE_INCLUSIVE_RATE_MAX:
    case FB_MEASURE_NPL_RATIO_MAX:
    case FB_MEASURE_DEMAND_MATCH_RATE_MIN:
    case FB_MEASURE_POOL_LEVERAGE_USED_MIN:
    case FB_MEASURE_GUARANTEED_SHARE_MIN: return FB_UNIT_RATE;
    case FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX: return FB_UNIT_HALF_DAYS;
    default: return FB_UNIT_MONEY;
    }
}
