/* party.c — parties of the loan book: enterprises, individual businesses and small-business
 * owners (natural persons, by their identity number, with the business they own), with what is
 * derived from them (size class, key-industry chain, technology SME), each with its rule, and a
 * deposit account in the ledger. A party and its account are created in one unit of work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const flag_names[] = {"high_tech", "specialized_sme", "little_giant"};
static const char *const result_names[] = {"created",
                                           "exists",
                                           "exists_with_different",
                                           "uscc_registered",
                                           "deposit_account_taken",
                                           "resident_id_registered"};

const char *fb_party_flag_name(unsigned bit) {
    return bit < sizeof flag_names / sizeof flag_names[0] ? flag_names[bit] : NULL;
}

const char *fb_party_result_name(fb_party_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

/* The name must be printable UTF-8 text: no control characters. */
static bool printable(const char *s) {
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return false;
    }
    return true;
}

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

/* Where the party is: a known Liaoning city for a Liaoning code, the prefecture elsewhere. */
static int place(fb_party *p, const char **field, char *reason, size_t cap) {
    int32_t r = p->region;
    if (r < 110000 || r > 829999 || r % 10000 == 9999) FAIL("region", "is not a division code");
    if (r / 10000 == 21) {
        if (!fb_region_city(r, &p->city)) FAIL("region", "is not a city of Liaoning");
    } else {
        p->city = r / 100 * 100;
    }
    return FB_OK;
}

/* Who the party is: its USCC (a small-business owner's names the business it owns) agrees with
 * its kind, and an owner's identity number is valid. */
static int identify(fb_party *p, const char **field, char *reason, size_t cap) {
    fb_uscc_info u;
    if (fb_uscc_check(p->uscc, strnlen(p->uscc, sizeof p->uscc), &u) != FB_OK) {
        *field = "uscc";
        if (u.position == 18) {
            snprintf(reason, cap, "%s: character 18 should be %c", u.reason, u.expected_check);
        } else if (u.position) {
            snprintf(reason, cap, "%s (character %d)", u.reason, u.position);
        } else {
            snprintf(reason, cap, "%s", u.reason);
        }
        return FB_EINVAL;
    }
    bool individual = u.authority == '9' && u.kind == '2';
    if (p->kind == FB_PARTY_INDIVIDUAL_BUSINESS && !individual) {
        FAIL("uscc", "is not an individual business's code (it must begin 92)");
    }
    if (p->kind != FB_PARTY_INDIVIDUAL_BUSINESS && individual) {
        FAIL("uscc", p->kind == FB_PARTY_ENTERPRISE
                         ? "is an individual business's code (92...), not an enterprise's"
                         : "is an individual business's code (92...): an individual business "
                           "borrows as itself, not through an owner");
    }
    bool owner = p->kind == FB_PARTY_SMALL_BUSINESS_OWNER;
    size_t idlen = strnlen(p->resident_id, sizeof p->resident_id);
    if (!owner && idlen) FAIL("resident_id", "is a small-business owner's only");
    if (!owner) return FB_OK;
    const char *why = NULL;
    int at = 0;
    if (!idlen) FAIL("resident_id", "is required for a small-business owner (公民身份号码)");
    if (fb_resident_id_check(p->resident_id, idlen, &why, &at) != FB_OK) {
        *field = "resident_id";
        snprintf(reason, cap, at ? "%s (character %d)" : "%s", why, at);
        return FB_EINVAL;
    }
    return FB_OK;
}

/* What follows from the given fields: the size class (an owner's: its business's), the
 * key-industry chain, the technology-SME test (enterprises only). */
static void derive(fb_party *p) {
    if (p->kind == FB_PARTY_INDIVIDUAL_BUSINESS) {
        p->size_class = FB_SIZE_MICRO;
        snprintf(p->size_rule, sizeof p->size_rule,
                 "individual business (个体工商户): outside the enterprise size standard, "
                 "counted with micro firms");
    } else {
        p->size_class =
            fb_size_classify(p->industry, &p->figures, p->size_rule, sizeof p->size_rule);
    }
    const char *chain = fb_key_chain(p->industry);
    snprintf(p->key_chain, sizeof p->key_chain, "%s", chain ? chain : "");
    bool tech_flag =
        p->flags & (FB_PARTY_HIGH_TECH | FB_PARTY_SPECIALIZED_SME | FB_PARTY_LITTLE_GIANT);
    p->tech_sme = p->kind == FB_PARTY_ENTERPRISE &&
                  fb_tech_sme(&p->figures, tech_flag, p->tech_sme_rule, sizeof p->tech_sme_rule);
    if (p->kind != FB_PARTY_ENTERPRISE) {
        snprintf(p->tech_sme_rule, sizeof p->tech_sme_rule,
                 "科技型中小企业 applies to enterprises only: not met");
    }
    snprintf(p->deposit_account, sizeof p->deposit_account, "dep:%s", p->id);
}

int fb_party_prepare(fb_party *p, const char **field, char *reason, size_t cap) {
    FB_ASSERT(p != NULL && field != NULL && reason != NULL && cap > 0);
    const char *why = NULL;
    if (!fb_id_valid(p->id, strnlen(p->id, sizeof p->id), &why)) FAIL("id", why);
    if ((unsigned)p->kind >= FB_PARTY_KIND_COUNT_) FAIL("kind", "is unknown");
    if (!p->name[0]) FAIL("name", "is empty");
    if (!printable(p->name)) FAIL("name", "has a control character");
    int rc = identify(p, field, reason, cap);
    if (rc == FB_OK) rc = place(p, field, reason, cap);
    if (rc) return rc;
    fb_industry_info ind;
    char code[8];
    snprintf(code, sizeof code, "%04d", p->industry);
    if (p->industry < 0 || fb_industry_check(code, &ind, &why) != FB_OK) FAIL("industry", why);
    if (p->figures.employees < 0) FAIL("employees", "must not be negative");
    if (p->figures.revenue_fen < 0) FAIL("revenue", "must not be negative");
    if (p->figures.total_assets_fen < 0) FAIL("total_assets", "must not be negative");
    if (p->flags & ~FB_PARTY_FLAGS_ALL) FAIL("flags", "has an unknown flag");
    derive(p);
    return FB_OK;
}

/* The first given field in which two versions of a party differ, or NULL. */
static const char *differs(const fb_party *a, const fb_party *b) {
    if (a->kind != b->kind) return "kind";
    if (strcmp(a->name, b->name) != 0) return "name";
    if (strcmp(a->uscc, b->uscc) != 0) return "uscc";
    if (strcmp(a->resident_id, b->resident_id) != 0) return "resident_id";
    if (a->region != b->region) return "region";
    if (a->industry != b->industry) return "industry";
    if (a->figures.employees != b->figures.employees) return "employees";
    if (a->figures.revenue_fen != b->figures.revenue_fen) return "revenue";
    if (a->figures.total_assets_fen != b->figures.total_assets_fen) return "total_assets";
    if (a->flags != b->flags) return "flags";
    return NULL;
}

/* Decides one party's outcome against the book, inserting its row when new. */
static int create_one(fb_book *book, fb_party *p, int64_t now, fb_party_outcome *o, bool *is_new) {
    fb_store *s = book->store;
    fb_party existing;
    memset(o, 0, sizeof *o);
    *is_new = false;
    int rc = fb__store_party_by_id(s, p->id, &existing);
    if (rc == FB_OK) {
        o->field = differs(p, &existing);
        o->result = o->field ? FB_PARTY_EXISTS_WITH_DIFFERENT : FB_PARTY_EXISTS;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    /* A code is one party's, an owner's identity one owner's; an owner may own a business that
     * borrows as itself too. */
    bool owner = p->kind == FB_PARTY_SMALL_BUSINESS_OWNER;
    rc = owner ? fb__store_party_by_resident_id(s, p->resident_id, &existing)
               : fb__store_party_by_uscc(s, p->uscc, &existing);
    if (rc == FB_OK) {
        o->result = owner ? FB_PARTY_RESIDENT_ID_REGISTERED : FB_PARTY_USCC_REGISTERED;
        snprintf(o->other, sizeof o->other, "%s", existing.id);
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    fb_account a;
    rc = fb_ledger_get_account(book->ledger, p->deposit_account, &a);
    if (rc == FB_OK) {
        o->result = FB_PARTY_DEPOSIT_ACCOUNT_TAKEN;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    p->created_ns = now;
    rc = fb__store_party_insert(s, p);
    if (rc) return rc;
    o->result = FB_PARTY_CREATED;
    *is_new = true;
    return FB_OK;
}

int fb_parties_create(fb_book *book, fb_party *parties, size_t n, fb_party_outcome *outcomes) {
    FB_ASSERT(book != NULL && (parties != NULL || n == 0) && (outcomes != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    if (n == 0) return FB_OK;
    fb_account *accounts = calloc(n, sizeof *accounts);
    fb_result *results = calloc(n, sizeof *results);
    int rc = accounts && results ? fb_book_begin(book) : FB_ENOMEM;
    if (rc) {
        free(accounts);
        free(results);
        return rc;
    }
    int64_t now = fb_now_ns();
    size_t new_accounts = 0;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        bool is_new = false;
        rc = create_one(book, &parties[i], now, &outcomes[i], &is_new);
        if (rc || !is_new) continue;
        fb_account *a = &accounts[new_accounts++];
        *a = fb__book_account(parties[i].deposit_account, 1, FB_CODE_DEPOSIT,
                              FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS | FB_ACCOUNT_HISTORY);
        snprintf(a->user_data, sizeof a->user_data, "party:%s", parties[i].id);
    }
    if (rc == FB_OK && new_accounts) {
        rc = fb_ledger_create_accounts(book->ledger, accounts, new_accounts, results, NULL);
        /* Each id was checked free in this transaction: anything but created is a bug. */
        for (size_t i = 0; rc == FB_OK && i < new_accounts; i++) {
            FB_ASSERT(results[i] == FB_RESULT_CREATED);
        }
    }
    free(accounts);
    free(results);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_party_get(fb_book *book, const char *id, fb_party *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_party_by_id(book->store, id, out);
}

int fb_party_worst_class(fb_book *book, const char *id, int *loan_class) {
    *loan_class = -1;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_party_worst_class(book->store, id, loan_class);
}

/* Characters of UTF-8 text (the bytes that do not continue a character). */
static size_t characters(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

int fb_parties_receivers(fb_book *book, const char *holder, const char *text, const char *part,
                         size_t max, fb_party_name *out, size_t *n) {
    FB_ASSERT(book != NULL && holder != NULL && text != NULL && part != NULL);
    FB_ASSERT(out != NULL && n != NULL && max <= FB_RECEIVERS_MAX);
    *n = 0;
    if (characters(text) < FB_RECEIVER_QUERY_MIN || strlen(text) > FB_NAME_MAX ||
        !printable(text)) {
        return FB_EINVAL;
    }
    const char *except[3] = {holder, "", ""};
    fb__cert_row x;
    if (part[0]) {
        int rc = fb__store_cert_by_id(book->store, part, &x);
        if (rc == FB_OK) {
            except[1] = x.c.core;
            except[2] = x.c.holder;
        } else if (rc != FB_ENOTFOUND) {
            return rc;
        }
    }
    return fb__store_parties_named(book->store, text, except, 3, max, out, n);
}
