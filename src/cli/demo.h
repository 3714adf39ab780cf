/* demo.h — what `finbridge demo` (cmd_demo.c) shares with its stream of financing demands
 * (demo_demands.c). */
#ifndef FB_CLI_DEMO_H
#define FB_CLI_DEMO_H

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

#endif
