#!/bin/sh
# pg-cluster.sh start|stop|failover|status DIR — a three-node PostgreSQL cluster on loopback for
# finbridge's tests, demos and benchmarks: a primary (n1) and two streaming standbys (n2, n3,
# made by pg_basebackup) with synchronous_standby_names = 'ANY 1 (n2, n3)': a commit is
# acknowledged once one standby has it on disk.
#   start DIR     initdb DIR/n1, the standbys beside it, each on a free loopback port with its
#                 unix socket in its own folder; prints the conninfo (a multi-host URI with
#                 target_session_attrs=read-write) and writes it to DIR/uri
#   stop DIR      stops the three (those running)
#   failover DIR  after the primary died: promotes the standby that received the most WAL and
#                 points the other at it (the URI finds the new primary by itself)
#   status DIR    which node is primary, which standbys stream (psql)
# As root the servers run as the unprivileged user nobody (initdb refuses root), DIR owned by it.
# Every wait is bounded (PG_WAIT seconds, 30 by default); a failure says what and where.
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
    echo "usage: pg-cluster.sh start|stop|failover|status DIR" >&2
    exit 2
}
wait_s=${PG_WAIT:-30}
bin=""
for b in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$b/initdb" ] && { bin=$b; break; }
done
[ -n "$bin" ] || {
    echo "pg-cluster.sh: no PostgreSQL server (initdb) under /usr/lib/postgresql: run scripts/install-deps.sh" >&2
    exit 1
}
die() { echo "pg-cluster.sh: $*" >&2; exit 1; }

# as CMD...: runs CMD as the servers' user (nobody when we are root).
as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

sql() { # sql NODE SQL: one statement on a node through its socket, unaligned
    as "$bin/psql" -X -q -At -h "$dir/$1" -p "$(cat "$dir/$1.port")" -U finbridge -d postgres -c "$2"
}

# startnode NODE: starts it on a free port (tries the next when one is taken), waits for it.
startnode() {
    n=$1
    port=$(cat "$dir/$n.port" 2>/dev/null || echo $((20000 + ($$ * 7 + ${n#n} * 101) % 30000)))
    tries=0
    while :; do
        echo "$port" >"$dir/$n.port"
        if as "$bin/pg_ctl" -D "$dir/$n" -l "$dir/$n.log" -w -t "$wait_s" \
            -o "-p $port -k $dir/$n -c listen_addresses=127.0.0.1" start >/dev/null 2>&1; then
            return 0
        fi
        tries=$((tries + 1))
        grep -q "Address already in use\|could not bind\|could not create lock file" "$dir/$n.log" &&
            [ "$tries" -lt 20 ] || die "node $n did not start (see $dir/$n.log: $(tail -n 3 "$dir/$n.log" | tr '\n' ' '))"
        port=$((port + 1))
    done
}

conf() { # conf NODE: the settings every node has
    cat >>"$dir/$1/postgresql.conf" <<EOF
# finbridge test cluster ($1)
wal_level = replica
max_wal_senders = 10
hot_standby = on
fsync = on
synchronous_commit = on
wal_keep_size = 256MB
shared_buffers = 128MB
max_connections = 50
EOF
    cat >"$dir/$1/pg_hba.conf" <<EOF
local all all trust
local replication all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
}

standby() { # standby NODE: a base backup of n1, streaming from it under its own name
    n=$1
    as "$bin/pg_basebackup" -h "$dir/n1" -p "$(cat "$dir/n1.port")" -U finbridge -D "$dir/$n" \
        -X stream -c fast --no-sync >>"$dir/$n.log" 2>&1 || die "pg_basebackup of $n failed (see $dir/$n.log)"
    as touch "$dir/$n/standby.signal"
    echo "primary_conninfo = 'host=127.0.0.1 port=$(cat "$dir/n1.port") user=finbridge application_name=$n'" |
        as tee -a "$dir/$n/postgresql.auto.conf" >/dev/null
    rm -f "$dir/$n.port"
    startnode "$n"
}

wait_sync() { # until a standby is synchronous (or quorum) on the primary
    i=0
    while [ "$(sql "$1" "SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync','quorum') AND state = 'streaming'" 2>/dev/null || echo 0)" -lt "$2" ]; do
        i=$((i + 1))
        [ "$i" -le $((wait_s * 10)) ] || die "the standbys did not start streaming to $1 within ${wait_s}s"
        sleep 0.1
    done
}

uri() {
    echo "postgresql://finbridge@127.0.0.1:$(cat "$dir/n1.port"),127.0.0.1:$(cat "$dir/n2.port"),127.0.0.1:$(cat "$dir/n3.port")/finbridge?target_session_attrs=read-write&connect_timeout=3"
}

start() {
    [ ! -e "$dir/n1" ] || die "$dir/n1 exists: stop and remove the old cluster first"
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown nobody "$dir"
    as test -w "$dir" || die "$dir is not writable by the servers' user"
    for n in n1 n2 n3; do as touch "$dir/$n.log"; done
    as "$bin/initdb" -D "$dir/n1" -U finbridge -A trust -E UTF8 --no-locale --no-sync >>"$dir/n1.log" 2>&1 ||
        die "initdb failed (see $dir/n1.log)"
    conf n1
    startnode n1
    sql n1 "CREATE DATABASE finbridge" || die "cannot create the database finbridge"
    standby n2
    standby n3
    sql n1 "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (n2, n3)'" >/dev/null
    sql n1 "SELECT pg_reload_conf()" >/dev/null
    wait_sync n1 2
    uri | tee "$dir/uri"
}

stop() {
    for n in n1 n2 n3; do
        [ -f "$dir/$n/postmaster.pid" ] || continue
        as "$bin/pg_ctl" -D "$dir/$n" -m fast -w -t "$wait_s" stop >/dev/null 2>&1 ||
            as "$bin/pg_ctl" -D "$dir/$n" -m immediate -w -t "$wait_s" stop >/dev/null 2>&1 || true
    done
}

failover() {
    best="" best_lsn=""
    for n in n1 n2 n3; do
        [ "$(sql "$n" "SELECT pg_is_in_recovery()" 2>/dev/null)" = "t" ] || continue
        lsn=$(sql "$n" "SELECT pg_wal_lsn_diff(coalesce(pg_last_wal_receive_lsn(), '0/0'), '0/0')::bigint")
        if [ -z "$best" ] || [ "$lsn" -gt "$best_lsn" ]; then best=$n best_lsn=$lsn; fi
    done
    [ -n "$best" ] || die "no standby is running to promote"
    as "$bin/pg_ctl" -D "$dir/$best" -w -t "$wait_s" promote >/dev/null || die "promoting $best failed"
    others=""
    for n in n1 n2 n3; do
        [ "$n" = "$best" ] && continue
        others="${others:+$others, }$n"
        [ "$(sql "$n" "SELECT pg_is_in_recovery()" 2>/dev/null)" = "t" ] || continue
        sql "$n" "ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port=$(cat "$dir/$best.port") user=finbridge application_name=$n'" >/dev/null
        sql "$n" "SELECT pg_reload_conf()" >/dev/null
    done
    sql "$best" "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 ($others)'" >/dev/null
    sql "$best" "SELECT pg_reload_conf()" >/dev/null
    echo "$best"
}

status() {
    for n in n1 n2 n3; do
        r=$(sql "$n" "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END" 2>/dev/null || echo down)
        echo "$n $(cat "$dir/$n.port") $r"
    done
}

case "$cmd" in
start) start ;;
stop) stop ;;
failover) failover ;;
status) status ;;
*) die "unknown command '$cmd' (start, stop, failover or status)" ;;
esac
