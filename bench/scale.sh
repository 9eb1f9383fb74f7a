#!/usr/bin/env bash
# The mailbox exchange's latency with a few pending mailboxes and with N pending (created, never claimed), on the
# relay's SQLite store. Two relays run side by side: one is given N pending mailboxes first, the other none; the
# exchange then runs on each in alternating rounds, so a change of the machine's load falls on both alike. Prints
# wrk's per-request latency percentiles (--latency) of the exchange requests, the p99 ratio (target: at most 1.5),
# the relays' resident memory (VmRSS; target: at most 250 MB) and the store's bytes per pending mailbox
# (relay.db and its WAL after a checkpoint, less the other relay's, divided by N).
# Usage: bench/scale.sh [N, 1000000] [SECONDS per exchange run, 10] [CONNECTIONS, 4] [ROUNDS, 3]
#                       [MAX SECONDS to create N, 1800]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
seconds=${2:-10}
connections=${3:-4}
rounds=${4:-3}
max_create=${5:-1800}
create_connections=16
. bench/servers.sh
start_relay few
few_url="http://127.0.0.1:$relay_port"; few_pid=$relay_pid
start_relay many
many_url="http://127.0.0.1:$relay_port"; many_pid=$relay_pid

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# wrk prints "99%   12.34ms"; in milliseconds.
p99_ms() {
    echo "$1" | awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : 1) }'
}
# Size of a relay's database and its WAL after a full checkpoint (the relay keeps running; WAL mode allows it).
store_bytes() { # name
    local db
    db=$(find "$work/$1" -maxdepth 1 -name '*.db' | head -1)
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1], timeout=30).execute("pragma wal_checkpoint(TRUNCATE)").fetchone()' "$db"
    du -cb "$db" "$db-wal" 2>/dev/null | tail -1 | cut -f1
}
exchange() { # url label
    local out
    out=$(WRK_OPTS=--latency run_wrk mailbox-exchange.lua "$1" "$seconds" "$connections")
    echo "== exchange, $2: $connections connections, ${seconds}s" >&2
    echo "$out" | sed -n '/Latency Distribution/,/^requests=/p' | grep '%\|^requests=' >&2
    p99_ms "$out"
}

# Create N pending mailboxes in wrk runs of at most 10 s (wrk waits out its -d even when every thread has stopped),
# each thread stopping at its share of what is left; at most max_create seconds in all.
echo "== creating $count pending mailboxes with $create_connections connections (at most ${max_create}s)" >&2
start=$(date +%s); created=0
for _ in $(seq 1 $(( max_create / 10 + 1 ))); do
    left=$(( max_create - ($(date +%s) - start) ))
    [ "$created" -lt "$count" ] && [ "$left" -gt 0 ] || break
    create_out=$(CREATES_PER_THREAD=$(( (count - created + create_connections - 1) / create_connections )) \
        run_wrk mailbox-create.lua "$many_url" $(( left < 10 ? left : 10 )) "$create_connections")
    created=$(( created + $(field "$create_out" created) ))
    echo "$(date -u +%T) created $created ($(echo "$create_out" | grep '^requests='))" >&2
done
echo "created $created in $(( $(date +%s) - start ))s" >&2

run_wrk mailbox-exchange.lua "$few_url" 3 "$connections" >/dev/null
run_wrk mailbox-exchange.lua "$many_url" 3 "$connections" >/dev/null
few_p99s=(); many_p99s=()
for round in $(seq 1 "$rounds"); do
    few_p99s+=("$(exchange "$few_url" "round $round, a few pending")")
    many_p99s+=("$(exchange "$many_url" "round $round, $created pending")")
done
few_bytes=$(store_bytes few); many_bytes=$(store_bytes many)

echo "== summary: SQLite store, $created pending mailboxes, $rounds rounds"
echo "exchange p99 per round, a few pending: ${few_p99s[*]} ms; $created pending: ${many_p99s[*]} ms"
awk -v a="${few_p99s[*]}" -v b="${many_p99s[*]}" -v rf="$(rss_mb "$few_pid")" -v rm="$(rss_mb "$many_pid")" -v n="$created" \
    -v s0="$few_bytes" -v s1="$many_bytes" 'BEGIN {
    k = split(a, x, " "); split(b, y, " "); for (i = 1; i <= k; i++) { sa += x[i]; sb += y[i] }
    printf "mean p99: %.2f ms a few pending, %.2f ms %d pending: ratio %.2f (target <= 1.5)\n", sa / k, sb / k, n, sb / sa
    printf "relay RSS: %d MB with a few pending, %d MB with %d pending (target <= 250 MB)\n", rf, rm, n
    printf "store: %d bytes with a few pending, %d bytes with %d pending: %.0f bytes per pending mailbox\n", s0, s1, n, (s1 - s0) / n }'
