/* demo.h — what `finbridge demo` (cmd_demo.c) shares with its stream of financing demands
 * (demo_demands.c). */
#ifndef FB_CLI_DEMO_H
#define FB_CLI_DEMO_H

#include <jansson.h>

#include "finbridge/finbridge.h"

/* The demands of the synthetic province: planned once the parties are known, then lived day by
 * day inside each day's unit of work, before its end of day. Its own random numbers (from the
 * demo's seed), so that the rest of the demo is what it was. */
typedef struct demo_demands demo_demands;

/* A new stream over book from first to last (days), with an agreement of its own on the
 * demands' targets (LN-DEMANDS-2025); NULL when out of memory. */
demo_demands *demo_demands_new(fb_book *book, uint64_t seed, int32_t first, int32_t last);
void demo_demands_free(demo_demands *dd);
/* A party of the province: some ask for the credit they are approved on approve_day (0: none),
 * and any may post other demands through the years, granted on its facility when it has one. */
void demo_demands_party(demo_demands *dd, const char *party, int32_t city, bool big,
                        bool individual, int32_t approve_day);
/* The day's posts and steps, dated the day (which is open). */
int demo_demands_day(demo_demands *dd, int32_t day);
/* Demands posted, and those granted, so far. */
int64_t demo_demands_posted(const demo_demands *dd);
int64_t demo_demands_granted(const demo_demands *dd);
/* The agreement on the demands' targets. */
int demo_demands_agreement(fb_book *book, int32_t first, int32_t last);

/* The government's schemes of the synthetic province (demo_schemes.c): the province's and
 * Dalian's risk-compensation pools, the province's interest subsidy on technology loans, its
 * guarantee company; their claims, payments and recoveries as the demo's loans default and
 * recover. Its own random numbers from the demo's seed. */
typedef struct demo_schemes demo_schemes;

demo_schemes *demo_schemes_new(fb_book *book, uint64_t seed, int64_t enterprises);
void demo_schemes_free(demo_schemes *ds);
/* A loan drawn today: an inclusive one may be covered or guaranteed, a technology one enrolled;
 * bad: its borrower pays late or defaults. */
void demo_schemes_loan(demo_schemes *ds, const char *id, int32_t city, fb_line line,
                       bool individual, bool bad);
/* Inside the day's unit of work: the schemes (their first day), coverage, enrolments and
 * guarantees of the loans drawn today. */
int demo_schemes_day(demo_schemes *ds, int32_t day);
/* After the day's commit, each act its own unit: claims, decisions, payments, share-backs. */
int demo_schemes_after(demo_schemes *ds, int32_t day);
/* The schemes' counts, as "schemes" of the demo's summary. */
void demo_schemes_summary(const demo_schemes *ds, json_t *j);

#endif
