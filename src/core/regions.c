/* regions.c — Liaoning (210000) and its fourteen prefecture cities (DOMAIN.md). A county or
 * district code (210102) belongs to the city of its first four digits (210100). */
#include <stddef.h>

#include "finbridge/core.h"

typedef struct {
    int32_t code;
    const char *zh;
    const char *en;
} region;

static const region regions[] = {
    {210000, "辽宁", "Liaoning"}, {210100, "沈阳", "Shenyang"}, {210200, "大连", "Dalian"},
    {210300, "鞍山", "Anshan"},   {210400, "抚顺", "Fushun"},   {210500, "本溪", "Benxi"},
    {210600, "丹东", "Dandong"},  {210700, "锦州", "Jinzhou"},  {210800, "营口", "Yingkou"},
    {210900, "阜新", "Fuxin"},    {211000, "辽阳", "Liaoyang"}, {211100, "盘锦", "Panjin"},
    {211200, "铁岭", "Tieling"},  {211300, "朝阳", "Chaoyang"}, {211400, "葫芦岛", "Huludao"},
};

static const int32_t cities[14] = {210100, 210200, 210300, 210400, 210500, 210600, 210700,
                                   210800, 210900, 211000, 211100, 211200, 211300, 211400};

static const region *find(int32_t code) {
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
        if (regions[i].code == code) return &regions[i];
    }
    return NULL;
}

bool fb_region_city(int32_t division, int32_t *city) {
    if (division < 210000 || division > 211499) return false;
    int32_t c = division / 100 * 100;
    if (c == 210000) {
        if (division != 210000) return false;
        *city = 210000;
        return true;
    }
    if (!find(c)) return false;
    *city = c;
    return true;
}

const char *fb_region_name_zh(int32_t code) {
    const region *r = find(code);
    return r ? r->zh : NULL;
}

const char *fb_region_name_en(int32_t code) {
    const region *r = find(code);
    return r ? r->en : NULL;
}

bool fb_region_liaoning(int32_t code) { return find(code) != NULL; }

const int32_t *fb_region_cities(size_t *count) {
    *count = sizeof cities / sizeof cities[0];
    return cities;
}
