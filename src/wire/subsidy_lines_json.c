/* subsidy_lines_json.c — see subsidy_lines_json.h. */
#include "wire/subsidy_lines_json.h"
#include "core/assert.h"

json_t *fb_json_encode_subsidy_line_view(const fb_subsidy_line_view *v) {
    FB_ASSERT(v != NULL);
    FB_ASSERT(v->withheld ? v->l.loan[0] == '\0' : v->l.loan[0] != '\0');
    static const char *const decisions[] = {"undecided", "approved", "rejected"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer((json_int_t)v->id));
    if (!v->withheld) json_object_set_new(o, "loan", json_string(v->l.loan));
    json_object_set_new(o, "days", json_integer(v->l.days));
    json_object_set_new(o, "amount", fb_json_money(v->l.amount_fen));
    json_object_set_new(o, "decision", json_string(decisions[v->l.decision % 3]));
    json_object_set_new(o, "size_class", json_string(fb_size_class_name(v->size)));
    json_object_set_new(o, "line", json_string(fb_line_name(v->line)));
    json_object_set_new(o, "city", json_integer(v->city));
    json_object_set_new(o, "withheld", json_boolean(v->withheld));
    return o;
}
