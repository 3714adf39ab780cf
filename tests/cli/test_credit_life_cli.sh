#test_credit_life_cli.sh — lines of credit over their life : renewed, their limit changed,
#frozen and unfrozen, closed, expired; who counts as inclusive, from the borrower's total credit
#now, for every open loan; small - business owners; entrusted payment; automatic collection.
.tests / cli / lib.sh DB =
    $T / book.db F = $FINBRIDGE $F init-- db
                     "$DB" > / dev / null $F settings-- db "$DB" --set simulation =
                         true > / dev / null BIZ =
                             $(uscc 91210100MA0AAAB01) cat > "$T/p.jsonl" << J{
                                 "id" : "sm",
                                 "kind" : "enterprise",
                                 "name" : "沈阳小型机床厂",
                                 "uscc" : "$(uscc 91210100MA0AAAA01)",
                                 "region" : "210102",
                                 "industry" : "3421",
                                 "employees" : 30,
                                 "revenue" : "5000000.00",
                                 "total_assets" : "3000000.00"
                             } {
                                 "id" : "sup",
                                 "kind" : "enterprise",
                                 "name" : "沈阳钢材供应商",
                                 "uscc" : "$(uscc 91210100MA0AAAA02)",
                                 "region" : "210102",
                                 "industry" : "5121",
                                 "employees" : 12,
                                 "revenue" : "9000000.00",
                                 "total_assets" : "4000000.00"
                             } {
                                 "id" : "biz",
                                 "kind" : "enterprise",
                                 "name" : "沈阳小微加工厂",
                                 "uscc" : "$BIZ",
                                 "region" : "210102",
                                 "industry" : "3421",
                                 "employees" : 8,
                                 "revenue" : "2000000.00",
                                 "total_assets" : "1000000.00"
                             } {
                                 "id" : "own",
                                 "kind" : "small_business_owner",
                                 "name" : "张三",
                                 "uscc" : "$BIZ",
                                 "resident_id" : "210102198003154210",
                                 "region" : "210102",
                                 "industry" : "3421",
                                 "employees" : 8,
                                 "revenue" : "2000000.00",
                                 "total_assets" : "1000000.00"
                             } J $F parties create-- db "$DB" <
                             "$T/p.jsonl" >
                             "$T/out" expect_eq
                             "an owner registers beside the business it owns" 4 "$(grep -c '" result
                                                                                ":" created
                                                                                "' " $T /
                                 out ")" $F parties get-- db "$DB" own >
                             "$T/g" expect_grep
                             "an owner is sized by its "
                             "busines"
                             "s" '"kind":"small_business_owner".*"resident_id":"210102198003154210".*"size_class":"micro"' "$T/g" cat >
                             "$T/bad.jsonl" <<
                                 J{
                                     "id" : "own2",
                                     "kind" : "small_business_owner",
                                     "name" : "李四",
                                     "uscc" : "$BIZ",
                                     "resident_id" : "210102198003154211",
                                     "region" : "210102",
                                     "industry" : "3421",
                                     "employees" : 8,
                                     "revenue" : "2000000.00",
                                     "total_assets" : "1000000.00"
                                 } {
                                     "id" : "own3",
                                     "kind" : "small_business_owner",
                                     "name" : "王五",
                                     "uscc" : "$BIZ",
                                     "region" : "210102",
                                     "industry" : "3421",
                                     "employees" : 8,
                                     "revenue" : "2000000.00",
                                     "total_assets" : "1000000.00"
                                 } {
                                     "id" : "own4",
                                     "kind" : "small_business_owner",
                                     "name" : "张三",
                                     "uscc" : "$BIZ",
                                     "resident_id" : "210102198003154210",
                                     "region" : "210102",
                                     "industry" : "3421",
                                     "employees" : 8,
                                     "revenue" : "2000000.00",
                                     "total_assets" : "1000000.00"
                                 } {
                                     "id" : "e5",
                                     "kind" : "enterprise",
                                     "name" : "某企业",
                                     "uscc" : "$BIZ",
                                     "resident_id" : "210102198003154210",
                                     "region" : "210102",
                                     "industry" : "3421",
                                     "employees" : 8,
                                     "revenue" : "2000000.00",
                                     "total_assets" : "1000000.00"
                                 } J $F parties create-- db "$DB" <
                             "$T/bad.jsonl" >
                             "$T/out" expect_grep
                             "a wrong check character names the one "
                             "expecte"
                             "d" '"line":1,.*"field":"resident_id","reason":"the check character should be 0 \(character 18\)"' "$T/out" expect_grep
                                                                                                                                "an owner needs its identity" '"line":2,.*"field":"resident_id","reason":"is required' "$T/out" expect_grep
                                                                                                                                                                                                                       "one identity, one owner" '"line":3,.*"result":"resident_id_registered","registered_to":"own"' "$T/out" expect_grep
                                                                                                                                                                                                                                                                                                                      "an enterprise has no identity number" '"line":4,.*"field":"resident_id"' "$T/out"

#-- -- Renewal of an inclusive line,                                                               \
    and an expired line that no longer counts -- -- -- -- -- -- -- --
                             cat > "$T/f.jsonl"
                                       << 'J' {
                                              "id" : "f1",
                                              "party" : "sm",
                                              "line" : "inclusive",
                                              "limit" : "6000000.00",
                                              "start_date" : "2025-01-01",
                                              "end_date" : "2025-01-31",
                                              "revolving" : true
                                          } {
                                              "id" : "fo",
                                              "party" : "own",
                                              "line" : "inclusive",
                                              "limit" : "500000.00",
                                              "start_date" : "2025-01-01",
                                              "end_date" : "2025-12-31",
                                              "revolving" : true
                                          } {
                                              "id" : "fs",
                                              "party" : "sup",
                                              "line" : "general",
                                              "limit" : "1000000.00",
                                              "start_date" : "2025-01-01",
                                              "end_date" : "2025-12-31"
                                          } J $F facilities create-- db "$DB" <
                             "$T/f.jsonl" > "$T/out" expect_eq "three lines" 3 "$(grep -c '" result
                                                                               ":" created
                                                                               "' " $T /
                                                out ")" cat >
                             "$T/l.jsonl"
                                 << 'J' {
                                        "id" : "L1",
                                        "facility" : "f1",
                                        "amount" : "1000000.00",
                                        "rate" : "4.00",
                                        "months" : 12,
                                        "method" : "equal_principal",
                                        "start_date" : "2025-01-10"
                                    } {
                                        "id" : "LO1",
                                        "facility" : "fo",
                                        "amount" : "100000.00",
                                        "rate" : "4.00",
                                        "months" : 12,
                                        "method" : "interest_only",
                                        "start_date" : "2025-01-10"
                                    } {
                                        "id" : "LO2",
                                        "facility" : "fo",
                                        "amount" : "100000.00",
                                        "rate" : "4.00",
                                        "months" : 12,
                                        "method" : "interest_only",
                                        "start_date" : "2025-01-10",
                                        "business_purpose" : false
                                    } {
                                        "id" : "LP",
                                        "facility" : "f1",
                                        "amount" : "200000.00",
                                        "rate" : "4.00",
                                        "months" : 6,
                                        "method" : "bullet",
                                        "start_date" : "2025-01-10",
                                        "payment" : "entrusted",
                                        "payee" : "sup",
                                        "purpose" : "采购钢材"
                                    } {
                                        "id" : "LX",
                                        "facility" : "f1",
                                        "amount" : "100000.00",
                                        "rate" : "4.00",
                                        "months" : 6,
                                        "method" : "bullet",
                                        "start_date" : "2025-01-10",
                                        "payment" : "entrusted",
                                        "payee_account" : "6222021001122334455",
                                        "payee_name" : "大连重工设备有限公司",
                                        "purpose" : "采购设备"
                                    } {
                                        "id" : "LM",
                                        "facility" : "f1",
                                        "amount" : "120000.00",
                                        "rate" : "4.00",
                                        "months" : 12,
                                        "method" : "equal_installment",
                                        "start_date" : "2025-01-10",
                                        "auto_collect" : false
                                    } J $F loans create-- db "$DB" <
                             "$T/l.jsonl" > "$T/out" expect_eq
                                            "six drawdowns" 6 "$(grep -c '" result ":" created
                                                              "' " $T /
                                                out ")" $F loans get-- db "$DB" LO1 LO2 LP LM >
                             "$T/g" expect_grep
                             "an owner's business loan is inclusive" '"id":"LO1".*"inclusive":true' "$T/g" expect_grep "an owner's loan for itself is not" '"id":"LO2".*"business_purpose":false.*"inclusive":false' "$T/g" expect_grep "entrusted payment names its payee and purpose" '"id":"LP".*"payment":"entrusted","payee":"sup","purpose":"采购钢材"' "$T/g" expect_grep "a loan not signed for collection" '"id":"LM".*"auto_collect":false' "$T/g" $F
                                 parties get-- db "$DB" sm sup >
                             "$T/g" expect_grep
                             "entrusted: the borrower's deposit holds only its own "
                             "drawdowns" '"id":"sm".*"deposit_balance":"1120000.00"' "$T/"
                                                                                     "g" expect_grep
                                                                                     "entrusted: "
                                                                                     "the payee is "
                                                                                     "pai"
                                                                                     "d" '"id":"sup".*"deposit_balance":"200000.00"' "$T/g" $F
                                                                                         accounts
                                                                                             get-- db
                             "$DB" gl : payments_out >
                                        "$T/g" expect_grep "to another bank: through the outward "
                                                           "clearing "
                                                           "account" '"credits_posted":"100000.00"' "$T/g" echo '{"id":"LY","facility":"f1","amount":"1000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payment":"entrusted","payee":"sup"} {
                                            "id" : "LZ",
                                            "facility" : "f1",
                                            "amount" : "1000.00",
                                            "rate" : "4.00",
                                            "months" : 6,
                                            "method" : "bullet",
                                            "start_date" : "2025-01-10",
                                            "payment" : "entrusted",
                                            "payee" : "nobody",
                                            "purpose" : "x"
                                        } {
    "id" : "LW",
           "facility" : "f1",
                        "amount" : "1000.00",
                                   "rate" : "4.00",
                                            "months" : 6,
                                            "method" : "bullet",
                                                       "start_date" : "2025-01-10",
                                                                      "payee" : "sup"
}
' | $F loans create-- db "$DB" > "$T/out" expect_grep
                                 "entrusted payment needs its "
                                 "purpose" '"line":1,.*"field":"purpose"' "$T/out" expect_grep
                                                                          "a payee the book does "
                                                                          "not "
                                                                          "hol"
                                                                          "d" '"line":2,.*"result":"payee_not_found"' "$T/out" expect_grep
                                                                                                                      "a payee without entrusted payment" '"line":3,.*"field":"payee","reason":"is for entrusted payment only"' "$T/out"

#Automatic collection : sm's deposit holds money, LM is not collected and falls overdue.
                                     $F eod-- db "$DB" --date 2025 -
                                     02 - 11 --allow - days 400 --quiet 2 >
        / dev / null $F loans get-- db "$DB" LM L1 >
        "$T/g" expect_grep
        "not collected, it falls "
        "overdu"
        "e" '"id":"LM".*"principal_overdue":"9817.99".*"days_past_due":2,"class":"special_mention"' "$T/g" expect_grep
                                                                                                    "L1 was collected from the deposit" '"id":"L1".*"principal_outstanding":"916666.67".*"days_past_due":0' "$T/g" $F
                                                                                                        facilities
                                                                                                            get-- db
        "$DB" f1 >
        "$T/g" expect_grep
        "the line expired after its last "
        "day" '"id":"f1".*"status":"expired","party_total_credit":"0.00"' "$T/g" echo '{"id":"f1b","party":"sm","line":"inclusive","limit":"6000000.00","start_date":"2025-02-12","end_date":"2026-02-11","revolving":true}' |
    $F facilities create-- db "$DB" >
        "$T/out" expect_grep "the annual renewal of a 6,000,000 inclusive line is "
                             "approved" '"id":"f1b","result":"created"' "$T/out" $F loans get-- db
        "$DB" L1 > "$T/g" expect_grep "its loans stay inclusive" '"inclusive":true' "$T/g"

#-- -- Inclusive follows the total credit now -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -
        echo '{"id":"f2","party":"sm","line":"technology","limit":"5000000.00","start_date":"2025-02-12","end_date":"2026-02-11"}' |
    $F facilities create-- db "$DB" > / dev / null $F loans get-- db "$DB" L1 >
        "$T/g" expect_grep
        "past ten million the open loans are no longer "
        "inclusive" '"inclusive":false,"inclusive_pboc":false' "$T/g" $F facilities get-- db
        "$DB" f1b > "$T/g" expect_grep
                    "the other line's figures "
                    "follow" '"party_total_credit":"11000000.00","inclusive":false' "$T/g" $F
                        facilities limit-- db "$DB" f2-- limit 4000000.00 --id C1-- reason 调减 >
        "$T/out" expect_grep
        "a lower limit" '"facility":"f2","result":"changed","id":"C1","kind":"limit","n":1,"date":"2025-02-12","status":"active","limit_before":"5000000.00","limit":"4000000.00".*"party_total_credit":"10000000.00","loans_rederived":4' "$T/out" $F
            loans get-- db "$DB" L1 >
        "$T/g" expect_grep
        "at ten million: the regulator's scope again, not the central "
        "bank's" '"inclusive":true,"inclusive_pboc":false' "$T/g" $F facilities limit-- db
        "$DB" f2-- limit 4000000.00 --id C1-- reason 调减 >
        "$T/out" expect_grep "the same change again is "
                             "found" '"result":"exists","id":"C1","kind":"limit","n":1' "$T/out" $F
                                 facilities limit-- db
        "$DB" f2-- limit 3000000.00 --id C1 > "$T/out" expect_eq "the id for another change" 1 $
    ? expect_grep "is refused" '"result":"exists_with_different"' "$T/out" $F facilities limit-- db
                  "$DB" f1b-- limit 6000000.01 >
                  "$T/out" expect_grep
                  "an inclusive line cannot take its borrower past ten "
                  "million" '"result":"not_inclusive"' "$T/out" echo '{"id":"L2","facility":"f2","amount":"3000000.00","rate":"4.00","months":12,"method":"bullet","start_date":"2025-02-12"}' |
              $F loans create-- db
                  "$DB" > / dev / null $F facilities limit-- db "$DB" f2-- limit 2000000.00 >
                  "$T/out" expect_grep
                  "no lower than what is drawn" '"result":"below_drawn"' "$T/out"

#-- -- Freeze, unfreeze, close,                                                                    \
    renew -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -
                  $F facilities freeze-- db "$DB" f2 >
                  "$T/out" expect_grep
                  "frozen" '"result":"changed","kind":"freeze",.*"status":"frozen"' "$T/out" echo '{"id":"L3","facility":"f2","amount":"1000.00","rate":"4.00","months":12,"method":"bullet","start_date":"2025-02-12"}' |
              $F loans create-- db
                  "$DB" > "$T/out" expect_grep
                          "a frozen line is not drawn" '"result":"facility_not_active"' "$T/out" $F
                              facilities freeze-- db "$DB" f2 >
                  "$T/out" expect_grep
                  "frozen twice" '"result":"not_allowed"' "$T/out" $F loans get-- db "$DB" L1 >
                  "$T/g" expect_grep
                  "a frozen line still counts" '"inclusive":true,"inclusive_pboc":false' "$T/g" $F
                      facilities unfreeze-- db "$DB" f2 >
                  "$T/out" expect_grep
                  "unfrozen" '"kind":"unfreeze",.*"status":"active"' "$T/out" $F facilities
                      close-- db "$DB" f2-- reason 客户申请 >
                  "$T/out" expect_grep
                  "closed: its undrawn limit "
                  "returne"
                  "d" '"kind":"close",.*"status":"closed",.*"available":"0.00","party_total_credit":"6000000.00"' "$T/out" $F
                      loans get-- db "$DB" L1 L2 >
                  "$T/g" expect_grep
                  "a closed line no longer counts: both scopes "
                  "again" '"id":"L1".*"inclusive":true,"inclusive_pboc":true' "$T/g" $F facilities
                          renew-- db "$DB" f2-- end -
                      date 2027 - 01 - 01 >
                  "$T/out" expect_grep
                  "a closed line changes no more" '"result":"closed"' "$T/out" $F facilities
                          renew-- db "$DB" f1b-- end -
                      date 2026 - 01 - 01 >
                  "$T/out" expect_grep
                  "a renewal ends later" '"result":"end_not_later"' "$T/out" $F facilities
                          renew-- db "$DB" fs-- end -
                      date 2026 - 12 - 31 --limit 1500000.00 --date 2025 - 02 - 13 >
                  "$T/out" expect_grep
                  "changes are dated the business date" '"result":"after_business_date"' "$T/out" $F
                          facilities renew-- db "$DB" fs-- end -
                      date 2026 - 12 - 31 --limit 1500000.00 >
                  "$T/out" expect_grep
                  "renewed with a higher limit" '"kind":"renew",.*"limit_before":"1000000.00","limit":"1500000.00","end_before":"2025-12-31","end_date":"2026-12-31","available":"1500000.00"' "$T/out" $F
                      facilities renew-- db
                  "$DB" fs-- limit 100.00 2 > "$T/err" expect_eq "a renewal needs its end date" 2 $
          ? expect_grep "named"
                        "end_date is required"
                        "$T/err" $F facilities shrink-- db
                    "$DB" fs 2 > / dev / null expect_eq "an unknown change" 2 $
                ?

#Repaid principal under a closed line returns to the commitments, not to its available limit.
                $F eod-- db "$DB" --date 2026 - 02 - 12 --allow - days 400 --quiet 2 >
                    / dev / null $F facilities get-- db "$DB" f2 >
                    "$T/g" expect_grep "the closed line stays closed and "
                                       "empty" '"status":"closed".*"available":"0.00"' "$T/g" $F
                                           accounts transfers-- db "$DB" fac
                : f2
                : drawn >
                "$T/t" expect_grep
                "what L2 repaid went back to the "
                "commitments" '"credit_account_id":"obs:credit_commitments".*"code":704' "$T/t" $F
                    verify-- db "$DB" > "$T/v" expect_eq "verify passes" 0 $
          ? cp "$DB"
               "$T/t1.db" cp "$DB.audit-key"
               "$T/t1.db.audit-key" sqlite3 "$T/t1.db"
               "UPDATE facilities SET status = 'active' WHERE id = 'f2'" $F verify-- db "$T/t1.db" >
                / dev /
                    null expect_eq "verify passes whatever the status when the ledger agrees" 0 $
          ? cp "$DB"
               "$T/t2.db" sqlite3 "$T/t2.db"
               "UPDATE loans SET inclusive_cbirc = 1 - inclusive_cbirc WHERE id = 'L1'" $F
                    verify-- db
                "$T/t2.db" > "$T/v" expect_grep
                             "a loan's inclusive flag that its cell does not hold fails verify"
                             "loan L1: report cell"
                             "$T/v" end
