/* cmd_uscc.c — `finbridge uscc CODE...`: checks unified social credit codes and explains each. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The region characters 3-8 as a number, for the Liaoning city table. */
static int32_t region_number(const char *region) {
    char *end = NULL;
    long v = strtol(region, &end, 10);
    return end && *end == '\0' ? (int32_t)v : -1;
}

static void explain(const char *code, const fb_uscc_info *info) {
    printf("%s: ", code);
    if (!info->valid) {
        printf("invalid: %s", info->reason);
        if (info->position) printf(" (character %d)", info->position);
        if (info->position == 18) printf("; expected %c", info->expected_check);
        printf("\n");
        if (!info->authority) return;
        printf("  ");
    } else {
        printf("valid\n  ");
    }
    printf("authority %c: %s; kind %c", info->authority, info->authority_name, info->kind);
    if (info->kind_name) printf(": %s", info->kind_name);
    int32_t city = 0;
    if (fb_region_city(region_number(info->region), &city)) {
        printf("; region %s (%s %s)", info->region, fb_region_name_zh(city),
               fb_region_name_en(city));
    } else {
        printf("; region %s", info->region);
    }
    printf("; organisation %s\n", info->organisation);
}

int cmd_uscc(int argc, char **argv) {
    if (argc == 0) {
        fprintf(stderr, "usage: finbridge uscc CODE...\n");
        return CLI_ERROR;
    }
    int invalid = 0;
    for (int i = 0; i < argc; i++) {
        fb_uscc_info info;
        if (fb_uscc_check(argv[i], strlen(argv[i]), &info) != FB_OK) invalid++;
        explain(argv[i], &info);
    }
    return invalid ? CLI_FAILED : CLI_OK;
}
