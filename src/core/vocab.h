/* vocab.h — the domain's vocabulary, once: every name <-> value table as an X-macro list of
 * X(CONSTANT, value, key, 中文, English). vocab.c builds the lookup tables from these lists and
 * asserts at compile time that each entry's value is its enum constant's and that each list
 * covers its enum; the store builds its SQL from them (FB_CELL_SQL), GET /v1/meta serves them.
 *
 * A key is what the doors read and write and what the store keeps: never change one (books hold
 * them). Labels may be improved at any time. */
#ifndef FB_CORE_VOCAB_H
#define FB_CORE_VOCAB_H

#include "finbridge/core.h"

#define FB_VOCAB_ROLES(X)                                                                          \
    X(FB_ROLE_ADMIN, 0, admin, "系统管理员", "Administrator")                                      \
    X(FB_ROLE_BANK_OFFICER, 1, bank_officer, "银行经办", "Bank officer")                           \
    X(FB_ROLE_ENTERPRISE, 2, enterprise, "企业", "Enterprise")                                     \
    X(FB_ROLE_GOVERNMENT, 3, government, "政府部门", "Government")                                 \
    X(FB_ROLE_AUDITOR, 4, auditor, "审计", "Auditor")                                              \
    X(FB_ROLE_GUARANTOR, 5, guarantor, "融资担保机构", "Guarantee company")

#define FB_VOCAB_LINES(X)                                                                          \
    X(FB_LINE_TECHNOLOGY, 0, technology, "科技金融", "Technology finance")                         \
    X(FB_LINE_SUPPLY_CHAIN, 1, supply_chain, "供应链金融", "Supply-chain finance")                 \
    X(FB_LINE_GREEN, 2, green, "绿色金融", "Green finance")                                        \
    X(FB_LINE_INCLUSIVE, 3, inclusive, "普惠金融", "Inclusive finance")                            \
    X(FB_LINE_WEALTH, 4, wealth, "财富金融", "Wealth finance")                                     \
    X(FB_LINE_GENERAL, 5, general, "一般贷款", "General lending")

/* The chains of DOMAIN.md's key-industry table; their classes are in industry.c. */
#define FB_VOCAB_CHAINS(X)                                                                         \
    X(FB_CHAIN_NONE, 0, none, "其他行业", "Other industries")                                      \
    X(FB_CHAIN_MACHINE_TOOLS, 1, machine_tools, "工业母机", "Machine tools")                       \
    X(FB_CHAIN_AEROSPACE, 2, aerospace, "航空航天", "Aerospace")                                   \
    X(FB_CHAIN_INTEGRATED_CIRCUITS, 3, integrated_circuits, "集成电路", "Integrated circuits")     \
    X(FB_CHAIN_HIGH_END_EQUIPMENT, 4, high_end_equipment, "其他高端装备",                          \
      "Other high-end equipment")                                                                  \
    X(FB_CHAIN_PETROCHEMICALS, 5, petrochemicals, "石化和精细化工",                                \
      "Petrochemicals and fine chemicals")                                                         \
    X(FB_CHAIN_METALLURGY, 6, metallurgy, "冶金新材料", "New metallurgical materials")

/* 金融资产风险分类办法 (2023): the last three are non-performing. */
#define FB_VOCAB_CLASSES(X)                                                                        \
    X(FB_CLASS_NORMAL, 0, normal, "正常", "Normal")                                                \
    X(FB_CLASS_SPECIAL_MENTION, 1, special_mention, "关注", "Special mention")                     \
    X(FB_CLASS_SUBSTANDARD, 2, substandard, "次级", "Substandard")                                 \
    X(FB_CLASS_DOUBTFUL, 3, doubtful, "可疑", "Doubtful")                                          \
    X(FB_CLASS_LOSS, 4, loss, "损失", "Loss")

#define FB_VOCAB_LOAN_STATUSES(X)                                                                  \
    X(FB_LOAN_ACTIVE, 0, active, "正常还款中", "Active")                                           \
    X(FB_LOAN_SETTLED, 1, settled, "已结清", "Settled")                                            \
    X(FB_LOAN_WRITTEN_OFF, 2, written_off, "已核销", "Written off")

#define FB_VOCAB_PARTY_KINDS(X)                                                                    \
    X(FB_PARTY_ENTERPRISE, 0, enterprise, "企业", "Enterprise")                                    \
    X(FB_PARTY_INDIVIDUAL_BUSINESS, 1, individual_business, "个体工商户", "Individual business")   \
    X(FB_PARTY_SMALL_BUSINESS_OWNER, 2, small_business_owner, "小微企业主", "Small-business owner")

#define FB_VOCAB_PROJECT_STATUSES(X)                                                               \
    X(FB_PROJECT_PLANNED, 0, planned, "谋划中", "Planned")                                         \
    X(FB_PROJECT_UNDER_CONSTRUCTION, 1, under_construction, "在建", "Under construction")          \
    X(FB_PROJECT_IN_OPERATION, 2, in_operation, "已投产", "In operation")

#define FB_VOCAB_CERT_STATUSES(X)                                                                  \
    X(FB_CERT_HELD, 0, held, "持有", "Held")                                                       \
    X(FB_CERT_FINANCED, 1, financed, "已融资", "Financed")                                         \
    X(FB_CERT_SPENT, 2, spent, "已转出", "Passed on")                                              \
    X(FB_CERT_SETTLED, 3, settled, "已兑付", "Settled")

#define FB_VOCAB_METHODS(X)                                                                        \
    X(FB_METHOD_EQUAL_INSTALLMENT, 0, equal_installment, "等额本息", "Equal installments")         \
    X(FB_METHOD_EQUAL_PRINCIPAL, 1, equal_principal, "等额本金", "Equal principal")                \
    X(FB_METHOD_INTEREST_ONLY, 2, interest_only, "按月付息到期还本",                               \
      "Monthly interest, principal at maturity")                                                   \
    X(FB_METHOD_BULLET, 3, bullet, "利随本清", "Bullet: principal and interest at maturity")

#define FB_VOCAB_DAY_COUNTS(X)                                                                     \
    X(FB_DAYCOUNT_ACT360, 0, act360, "实际天数/360", "Actual/360")                                 \
    X(FB_DAYCOUNT_ACT365, 1, act365, "实际天数/365", "Actual/365")                                 \
    X(FB_DAYCOUNT_ACTACT, 2, actact, "实际天数/实际天数", "Actual/actual")

/* 工信部联企业〔2011〕300号. */
#define FB_VOCAB_SIZES(X)                                                                          \
    X(FB_SIZE_LARGE, 0, large, "大型", "Large")                                                    \
    X(FB_SIZE_MEDIUM, 1, medium, "中型", "Medium")                                                 \
    X(FB_SIZE_SMALL, 2, small, "小型", "Small")                                                    \
    X(FB_SIZE_MICRO, 3, micro, "微型", "Micro")

#define FB_VOCAB_MEASURES(X)                                                                       \
    X(FB_MEASURE_NEW_CREDIT, 0, new_credit, "新增贷款", "New credit")                              \
    X(FB_MEASURE_INCLUSIVE_BORROWERS, 1, inclusive_borrowers, "普惠小微贷款户数",                  \
      "Inclusive borrowers")                                                                       \
    X(FB_MEASURE_INCLUSIVE_BALANCE, 2, inclusive_balance, "普惠小微贷款余额",                      \
      "Inclusive loan balance")                                                                    \
    X(FB_MEASURE_GREEN_BALANCE, 3, green_balance, "绿色贷款余额", "Green loan balance")            \
    X(FB_MEASURE_SUPPLY_CHAIN_FINANCING, 4, supply_chain_financing, "供应链融资",                  \
      "Supply-chain financing")                                                                    \
    X(FB_MEASURE_INCLUSIVE_RATE_MAX, 5, inclusive_rate_max, "普惠小微新发放贷款利率上限",          \
      "Ceiling on the inclusive rate")                                                             \
    X(FB_MEASURE_NPL_RATIO_MAX, 6, npl_ratio_max, "不良贷款率上限", "Ceiling on the NPL ratio")    \
    X(FB_MEASURE_DEMAND_MATCH_RATE_MIN, 7, demand_match_rate_min, "融资需求对接成功率下限",        \
      "Floor on the demands' match rate")                                                          \
    X(FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX, 8, demand_days_to_loan_max,                              \
      "需求到放款工作日中位数上限",                                                                \
      "Ceiling on the median working days from a demand to its loan")                              \
    X(FB_MEASURE_WEALTH_PRODUCTS, 9, wealth_products, "个人理财产品余额",                          \
      "Residents' wealth-management products")                                                     \
    X(FB_MEASURE_WEALTH_DEPOSITS, 10, wealth_deposits, "个人存款余额", "Residents' deposits")      \
    X(FB_MEASURE_PENSION_ACCOUNTS, 11, pension_accounts, "个人养老金账户开户数",                   \
      "Personal pension accounts opened")                                                          \
    X(FB_MEASURE_POOL_LEVERAGE_USED_MIN, 12, pool_leverage_used_min,                               \
      "风险补偿资金池放大倍数使用率下限", "Floor on the pools' leverage used")                     \
    X(FB_MEASURE_POOL_COMPENSATION, 13, pool_compensation, "风险补偿资金池代偿金额",               \
      "Compensation paid by the pools")                                                            \
    X(FB_MEASURE_SUBSIDY_PAID, 14, subsidy_paid, "财政贴息拨付金额", "Interest subsidy paid")      \
    X(FB_MEASURE_GUARANTEED_SHARE_MIN, 15, guaranteed_share_min, "政府性融资担保普惠贷款占比下限", \
      "Floor on the guaranteed share of inclusive lending")

#define FB_VOCAB_PREPAYS(X)                                                                        \
    X(FB_PREPAY_NONE, 0, none, "不提前还款", "No prepayment")                                      \
    X(FB_PREPAY_REDUCE_TERM, 1, reduce_term, "缩短期限", "Shorten the term")                       \
    X(FB_PREPAY_REDUCE_INSTALLMENT, 2, reduce_installment, "减少月供", "Lower the installment")

/* A financing demand's states, in the order of its steps. */
#define FB_VOCAB_DEMAND_STATUSES(X)                                                                \
    X(FB_DEMAND_POSTED, 0, posted, "已提交", "Posted")                                             \
    X(FB_DEMAND_ACCEPTED, 1, accepted, "已受理", "Accepted")                                       \
    X(FB_DEMAND_CONTACTED, 2, contacted, "已对接", "Contacted")                                    \
    X(FB_DEMAND_GRANTED, 3, granted, "已授信", "Granted")                                          \
    X(FB_DEMAND_DECLINED, 4, declined, "未获授信", "Declined")                                     \
    X(FB_DEMAND_WITHDRAWN, 5, withdrawn, "已撤回", "Withdrawn")

#define FB_VOCAB_DECLINE_REASONS(X)                                                                \
    X(FB_DECLINE_CASH_FLOW, 0, insufficient_cash_flow, "现金流不足", "Insufficient cash flow")     \
    X(FB_DECLINE_NO_SECURITY, 1, no_security, "缺乏有效担保", "No acceptable security")            \
    X(FB_DECLINE_CREDIT_RECORD, 2, credit_record, "信用记录不良", "Credit record")                 \
    X(FB_DECLINE_OUTSIDE_POLICY, 3, outside_policy, "不符合信贷政策", "Outside the credit policy") \
    X(FB_DECLINE_DOCUMENTS, 4, documents_incomplete, "资料不全", "Documents incomplete")           \
    X(FB_DECLINE_OTHER, 5, other, "其他", "Other")

#define FB_VOCAB_SECURITIES(X)                                                                     \
    X(FB_SECURITY_CREDIT, 0, credit, "信用", "On credit")                                          \
    X(FB_SECURITY_GUARANTEE, 1, guarantee, "保证", "Guarantee")                                    \
    X(FB_SECURITY_MORTGAGE, 2, mortgage, "抵押", "Mortgage")                                       \
    X(FB_SECURITY_PLEDGE, 3, pledge, "质押", "Pledge")                                             \
    X(FB_SECURITY_FINANCING_GUARANTEE, 4, financing_guarantee, "融资担保",                         \
      "Financing guarantee company")

#define FB_VOCAB_DEMAND_SOURCES(X)                                                                 \
    X(FB_SOURCE_ENTERPRISE, 0, enterprise, "企业自主提交", "Posted by the enterprise")             \
    X(FB_SOURCE_GOVERNMENT, 1, government, "政府代为提交", "Posted by a government")               \
    X(FB_SOURCE_KEY_ENTERPRISES, 2, key_enterprises, "重点企业名单", "Key-enterprise list")        \
    X(FB_SOURCE_MAJOR_PROJECTS, 3, major_projects, "重大项目名单", "Major-project list")

/* 国务院办公厅关于部分节假日安排的通知: a day off, or a weekend day worked. */
#define FB_VOCAB_DAY_KINDS(X)                                                                      \
    X(FB_DAY_HOLIDAY, 0, holiday, "放假", "Day off")                                               \
    X(FB_DAY_WORKDAY, 1, workday, "调休上班", "Weekend day worked")

#define FB_VOCAB_FACILITY_STATUSES(X)                                                              \
    X(FB_FACILITY_ACTIVE, 0, active, "有效", "Active")                                             \
    X(FB_FACILITY_FROZEN, 1, frozen, "冻结", "Frozen")                                             \
    X(FB_FACILITY_EXPIRED, 2, expired, "已到期", "Expired")                                        \
    X(FB_FACILITY_CLOSED, 3, closed, "已终止", "Closed")

#define FB_VOCAB_FACILITY_CHANGES(X)                                                               \
    X(FB_FACILITY_RENEW, 0, renew, "续授信", "Renewal")                                            \
    X(FB_FACILITY_SET_LIMIT, 1, limit, "调整额度", "Limit changed")                                \
    X(FB_FACILITY_FREEZE, 2, freeze, "冻结", "Frozen")                                             \
    X(FB_FACILITY_UNFREEZE, 3, unfreeze, "解冻", "Unfrozen")                                       \
    X(FB_FACILITY_CLOSE, 4, close, "终止", "Closed")                                               \
    X(FB_FACILITY_EXPIRE, 5, expire, "到期", "Expired")

#define FB_VOCAB_PAYMENTS(X)                                                                       \
    X(FB_PAYMENT_SELF, 0, self, "自主支付", "Paid to the borrower")                                \
    X(FB_PAYMENT_ENTRUSTED, 1, entrusted, "受托支付", "Entrusted payment to a payee")
/* 金融资产风险分类办法 (2023) 第十八条: the cases of a debtor's financial difficulty. */
#define FB_VOCAB_DIFFICULTIES(X)                                                                   \
    X(FB_DIFFICULTY_NONE, 0, none, "未发生财务困难", "No financial difficulty")                    \
    X(FB_DIFFICULTY_OVERDUE, 1, overdue, "本金、利息或收益已经逾期",                               \
      "Principal, interest or yield overdue")                                                      \
    X(FB_DIFFICULTY_CASH_SHORTFALL, 2, cash_shortfall, "偿债能力下降，预计现金流不足以履行合同",   \
      "Not overdue, but its cash flow will not meet the contract")                                 \
    X(FB_DIFFICULTY_NON_PERFORMING, 3, non_performing, "债务已经被分为不良",                       \
      "Its debt is classified non-performing")                                                     \
    X(FB_DIFFICULTY_NO_MARKET_FUNDING, 4, no_market_funding, "无法在其他银行以市场公允价格融资",   \
      "No other bank lends to it at a fair market rate")                                           \
    X(FB_DIFFICULTY_DELISTING, 5, delisting, "公开发行的证券存在退市风险",                         \
      "Its listed securities face delisting")                                                      \
    X(FB_DIFFICULTY_OTHER, 6, other, "商业银行认定的其他情形", "Another case the bank finds")

#define FB_VOCAB_CHANGE_KINDS(X)                                                                   \
    X(FB_CHANGE_EXTENSION, 0, extension, "展期", "Extension")                                      \
    X(FB_CHANGE_RESTRUCTURING, 1, restructuring, "重组", "Restructuring")                          \
    X(FB_CHANGE_RENEWAL, 2, renewal, "无还本续贷", "Renewal without repaying principal")           \
    X(FB_CHANGE_REFINANCING, 3, refinancing, "借新还旧", "Refinancing: new debt repays the old")

#define FB_VOCAB_CLASS_REASONS(X)                                                                  \
    X(FB_REASON_DAYS_PAST_DUE, 0, days_past_due, "逾期天数", "Days past due")                      \
    X(FB_REASON_DEBTOR, 1, debtor, "同一非零售债务人超过10%债权不良",                              \
      "More than 10% of the debtor's claims are non-performing")                                   \
    X(FB_REASON_OFFICER, 2, officer, "人工认定", "An officer's judgment")                          \
    X(FB_REASON_RESTRUCTURED, 3, restructured, "重组资产观察期", "Restructured: in observation")   \
    X(FB_REASON_OBSERVATION_MISSED, 4, observation_missed, "观察期内未及时足额还款",               \
      "A payment missed in the observation period")                                                \
    X(FB_REASON_UPGRADE, 5, upgrade, "逾期本息还清并连续正常还款",                                 \
      "Arrears repaid, then paid on time long enough")                                             \
    X(FB_REASON_REFINANCED, 6, refinanced, "借新还旧", "Repaid by new-for-old borrowing")          \
    X(FB_REASON_MIGRATED, 7, migrated, "账簿升级时的分类", "The class when the book was migrated") \
    X(FB_REASON_IMPORTED, 8, imported, "导入时的分类", "The class a bank's book brought in")       \
    X(FB_REASON_CROSS_BANK, 9, cross_bank, "他行债务逾期或不良（征信）",                           \
      "Its debts at all banks, by its credit report")

/* Risk-compensation pools (风险补偿资金池, docs/schemes.md). */
#define FB_VOCAB_POOL_ACTS(X)                                                                      \
    X(FB_POOL_FUND, 0, fund, "政府注资", "Funded by the government")                               \
    X(FB_POOL_COVER, 1, cover, "纳入补偿范围", "Loan covered")                                     \
    X(FB_POOL_CLAIM, 2, claim, "申请代偿补偿", "Compensation claimed")                             \
    X(FB_POOL_SHARE_BACK, 3, share_back, "追偿款按比例返还", "Recovery shared back")

#define FB_VOCAB_POOL_TRIGGERS(X)                                                                  \
    X(FB_TRIGGER_WRITTEN_OFF, 0, written_off, "已核销", "Written off")                             \
    X(FB_TRIGGER_OVERDUE, 1, overdue, "逾期达到补偿天数", "Past the scheme's days overdue")

/* Interest subsidies (财政贴息, docs/schemes.md). */
#define FB_VOCAB_SUBSIDY_MODES(X)                                                                  \
    X(FB_SUBSIDY_NET, 0, net, "银行按净利率收息并向财政申请贴息",                                  \
      "The bank charges the net rate and claims the subsidy")                                      \
    X(FB_SUBSIDY_DEPOSIT, 1, deposit, "企业全额付息，贴息拨付至企业账户",                          \
      "The borrower pays in full; the subsidy goes to its deposit account")

#define FB_VOCAB_SUBSIDY_ACTS(X)                                                                   \
    X(FB_SUBSIDY_ENROL, 0, enrol, "纳入贴息", "Loan enrolled")                                     \
    X(FB_SUBSIDY_CLAIM, 1, claim, "按季申请贴息", "Quarter claimed")                               \
    X(FB_SUBSIDY_DECIDE, 2, decide, "财政审核", "Line decided by the government")                  \
    X(FB_SUBSIDY_PAY, 3, pay, "财政拨付", "Claim paid")

/* Government financing guarantees (政府性融资担保). */
#define FB_VOCAB_GUARANTORS(X)                                                                     \
    X(FB_GUARANTOR_COMPANY, 0, company, "融资担保机构", "The guarantee company")                   \
    X(FB_GUARANTOR_NATIONAL, 1, national_fund, "国家融资担保基金", "The national guarantee fund")  \
    X(FB_GUARANTOR_PROVINCIAL, 2, provincial, "省级再担保机构", "The provincial re-guarantee")     \
    X(FB_GUARANTOR_BANK, 3, bank, "银行", "The bank")

/* Each vocabulary: its kind, its list, its enum's count, its plural name. */
#define FB_VOCABS(V)                                                                               \
    V(FB_VOCAB_ROLE, FB_VOCAB_ROLES, FB_ROLE_COUNT_, roles)                                        \
    V(FB_VOCAB_LINE, FB_VOCAB_LINES, FB_LINE_COUNT_, lines)                                        \
    V(FB_VOCAB_CHAIN, FB_VOCAB_CHAINS, FB_CHAIN_COUNT_, chains)                                    \
    V(FB_VOCAB_CLASS, FB_VOCAB_CLASSES, FB_CLASS_COUNT_, classes)                                  \
    V(FB_VOCAB_LOAN_STATUS, FB_VOCAB_LOAN_STATUSES, FB_LOAN_STATUS_COUNT_, loan_statuses)          \
    V(FB_VOCAB_PARTY_KIND, FB_VOCAB_PARTY_KINDS, FB_PARTY_KIND_COUNT_, party_kinds)                \
    V(FB_VOCAB_PROJECT_STATUS, FB_VOCAB_PROJECT_STATUSES, FB_PROJECT_STATUS_COUNT_,                \
      project_statuses)                                                                            \
    V(FB_VOCAB_CERT_STATUS, FB_VOCAB_CERT_STATUSES, FB_CERT_STATUS_COUNT_, certificate_statuses)   \
    V(FB_VOCAB_METHOD, FB_VOCAB_METHODS, FB_METHOD_COUNT_, methods)                                \
    V(FB_VOCAB_DAY_COUNT, FB_VOCAB_DAY_COUNTS, FB_DAYCOUNT_COUNT_, day_counts)                     \
    V(FB_VOCAB_SIZE, FB_VOCAB_SIZES, FB_SIZE_COUNT_, sizes)                                        \
    V(FB_VOCAB_MEASURE, FB_VOCAB_MEASURES, FB_MEASURE_COUNT_, measures)                            \
    V(FB_VOCAB_PREPAY, FB_VOCAB_PREPAYS, FB_PREPAY_COUNT_, prepays)                                \
    V(FB_VOCAB_DEMAND_STATUS, FB_VOCAB_DEMAND_STATUSES, FB_DEMAND_STATUS_COUNT_, demand_statuses)  \
    V(FB_VOCAB_DECLINE_REASON, FB_VOCAB_DECLINE_REASONS, FB_DECLINE_REASON_COUNT_,                 \
      decline_reasons)                                                                             \
    V(FB_VOCAB_SECURITY, FB_VOCAB_SECURITIES, FB_SECURITY_COUNT_, securities)                      \
    V(FB_VOCAB_DEMAND_SOURCE, FB_VOCAB_DEMAND_SOURCES, FB_SOURCE_COUNT_, demand_sources)           \
    V(FB_VOCAB_DAY_KIND, FB_VOCAB_DAY_KINDS, FB_DAY_KIND_COUNT_, day_kinds)                        \
    V(FB_VOCAB_FACILITY_STATUS, FB_VOCAB_FACILITY_STATUSES, FB_FACILITY_STATUS_COUNT_,             \
      facility_statuses)                                                                           \
    V(FB_VOCAB_FACILITY_CHANGE, FB_VOCAB_FACILITY_CHANGES, FB_FACILITY_CHANGE_COUNT_,              \
      facility_changes)                                                                            \
    V(FB_VOCAB_PAYMENT, FB_VOCAB_PAYMENTS, FB_PAYMENT_COUNT_, payments)                            \
    V(FB_VOCAB_DIFFICULTY, FB_VOCAB_DIFFICULTIES, FB_DIFFICULTY_COUNT_, difficulties)              \
    V(FB_VOCAB_CHANGE_KIND, FB_VOCAB_CHANGE_KINDS, FB_CHANGE_KIND_COUNT_, change_kinds)            \
    V(FB_VOCAB_CLASS_REASON, FB_VOCAB_CLASS_REASONS, FB_REASON_COUNT_, class_reasons)              \
    V(FB_VOCAB_POOL_ACT, FB_VOCAB_POOL_ACTS, FB_POOL_ACT_COUNT_, pool_acts)                        \
    V(FB_VOCAB_POOL_TRIGGER, FB_VOCAB_POOL_TRIGGERS, FB_TRIGGER_COUNT_, pool_triggers)             \
    V(FB_VOCAB_SUBSIDY_MODE, FB_VOCAB_SUBSIDY_MODES, FB_SUBSIDY_MODE_COUNT_, subsidy_modes)        \
    V(FB_VOCAB_SUBSIDY_ACT, FB_VOCAB_SUBSIDY_ACTS, FB_SUBSIDY_ACT_COUNT_, subsidy_acts)            \
    V(FB_VOCAB_GUARANTOR, FB_VOCAB_GUARANTORS, FB_GUARANTOR_COUNT_, guarantors)

/* SQL CASE arms over a text column that give a list's value from its key: "WHEN 'green' THEN 2". */
#define FB_VOCAB_SQL_ARM(constant, value, key, zh, en) " WHEN '" #key "' THEN " #value
#define FB_VOCAB_SQL_CASE(column, LIST, otherwise)                                                 \
    " CASE " column LIST(FB_VOCAB_SQL_ARM) " ELSE " #otherwise " END"

#endif
