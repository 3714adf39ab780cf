# bench/journal.sh FINBRIDGE [transfers] [accounts] — a book loaded and every balance reported
# from the command line, against ledger-cli's flat balance report and hledger's on the same
# journal: 1,000,000 two-posting transfers between 10,000 accounts by default.
#
# finbridge: init, accounts create, transfers create (every batch durable), accounts list (every
# account's balances). ledger-cli: `ledger -f J --flat balance`; hledger: `hledger -f J balance
# --flat`. Each is timed (wall, and CPU: user plus system, which this shared machine disturbs
# less) with its peak memory (GNU time), and the ratios of both printed; finbridge's steps are
# timed one by one, to show where its time goes. ledger
# and hledger are installed here from Debian when missing and this runs as root (the bench's own
# set-up; make test never needs them); without them only finbridge's figures are printed.
set -u
F=${1:?usage: journal.sh FINBRIDGE [transfers] [accounts]}
N=${2:-1000000}
A=${3:-10000}
D=$(mktemp -d "${TMPDIR:-/tmp}/fb-journal.XXXXXX")
trap 'rm -rf "$D"' EXIT

if ! command -v ledger >/dev/null 2>&1 || ! command -v hledger >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q ledger hledger >/dev/null 2>&1 ||
            echo "bench/journal: ledger and hledger could not be installed from Debian"
    fi
fi

# The same transfers three ways, from one deterministic walk (an LCG whose products stay below
# 2^53, exact in awk's doubles; its high 20 bits pick the accounts, so that every account is used).
awk -v n="$N" -v a="$A" -v d="$D" 'BEGIN {
    for (i = 0; i < a; i++) printf "{\"id\":\"acct:%06d\",\"ledger\":1,\"code\":2011}\n", i > (d "/a.jsonl")
    x = 12345
    for (k = 0; k < n; k++) {
        x = (x * 69069 + 1) % 4294967296; dr = int(x / 4096) % a
        x = (x * 69069 + 1) % 4294967296; cr = (dr + 1 + int(x / 4096) % (a - 1)) % a
        fen = 100 + k % 10000; amount = sprintf("%d.%02d", int(fen / 100), fen % 100)
        printf "{\"id\":\"tr:%08d\",\"debit_account_id\":\"acct:%06d\",\"credit_account_id\":\"acct:%06d\",\"amount\":\"%s\",\"ledger\":1,\"code\":1}\n", k, dr, cr, amount > (d "/t.jsonl")
        printf "2025-01-15 tr:%08d\n    acct:%06d  %s\n    acct:%06d  -%s\n\n", k, dr, amount, cr, amount > (d "/j.ledger")
    }
}'

TIME=
[ -x /usr/bin/time ] && TIME="/usr/bin/time -f %M,%U,%S -o $D/mem"
# run NAME COMMAND...: wall seconds in $secs, CPU seconds in $cpu (0 without GNU time), peak KiB
# in $kib
run() {
    name=$1
    shift
    start=$(date +%s.%N)
    $TIME sh -c "$*" >/dev/null 2>"$D/err" || { echo "bench/journal: $name failed: $(tail -n 2 "$D/err")"; secs=; return; }
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc)
    kib=0 cpu=0
    if [ -n "$TIME" ]; then
        IFS=, read -r kib user sys <"$D/mem"
        cpu=$(echo "$user + $sys" | bc)
    fi
}
# ratio A B: A / B, or "-" when B is 0
ratio() { [ "$(echo "$2 > 0" | bc)" = 1 ] && printf '%.2f' "$(echo "$1 / $2" | bc -l)" || printf -- -; }

DB=$D/book.db
fb=0 fb_cpu=0 fb_kib=0 steps=
for step in "init:$F init --db $DB" "accounts create:$F accounts create --db $DB <$D/a.jsonl" \
    "transfers create:$F transfers create --db $DB <$D/t.jsonl" "accounts list:$F accounts list --db $DB"; do
    run finbridge "${step#*:}"
    [ -n "$secs" ] || exit 1
    fb=$(echo "$fb + $secs" | bc) fb_cpu=$(echo "$fb_cpu + $cpu" | bc)
    [ "$kib" -gt "$fb_kib" ] && fb_kib=$kib
    steps="$steps$(printf '%s %.2f s (%.2f s CPU), ' "${step%%:*}" "$secs" "$cpu")"
done
echo "bench/journal: $N transfers between $A accounts, loaded and every balance reported"
printf 'finbridge (init, accounts create, transfers create, accounts list): %.2f s, %.2f s CPU, %d MiB\n' "$fb" "$fb_cpu" $((fb_kib / 1024))
echo "  ${steps%, }"
$F accounts list --db "$DB" | awk -F'"credits_posted":"' '{ split($2, v, "\""); s += v[1] } END { printf "  credits posted, summed over the accounts: %.2f\n", s }'
if command -v ledger >/dev/null 2>&1; then
    run ledger "ledger -f $D/j.ledger --flat balance"
    [ -n "$secs" ] && printf 'ledger-cli --flat balance: %.2f s, %.2f s CPU, %d MiB; finbridge %sx faster (target 2x), %sx less CPU\n' "$secs" "$cpu" $((kib / 1024)) "$(ratio "$secs" "$fb")" "$(ratio "$cpu" "$fb_cpu")"
else
    echo "ledger-cli: not installed (Debian package ledger)"
fi
if command -v hledger >/dev/null 2>&1; then
    run hledger "hledger -f $D/j.ledger balance --flat"
    [ -n "$secs" ] && printf 'hledger balance --flat: %.2f s, %.2f s CPU, %d MiB; finbridge %sx faster (target 8x), %sx less CPU\n' "$secs" "$cpu" $((kib / 1024)) "$(ratio "$secs" "$fb")" "$(ratio "$cpu" "$fb_cpu")"
else
    echo "hledger: not installed (Debian package hledger)"
fi
