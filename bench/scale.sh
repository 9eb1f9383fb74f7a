#!/usr/bin/env bash
# The mailbox exchange's latency with a few pending mailboxes, then with N pending (created, never claimed) on the
# relay's SQLite store. Prints wrk's per-request latency percentiles (--latency) of the exchange requests, the
# p99 ratio (target: at most 1.5), the relay's resident memory (VmRSS, target: at most 250 MB) and the store's
# bytes per pending mailbox (relay.db and its WAL after a checkpoint, divided by N).
# Usage: bench/scale.sh [N, 1000000] [SECONDS per exchange run, 10] [CONNECTIONS, 4] [MAX SECONDS to create N, 1800]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
seconds=${2:-10}
connections=${3:-4}
max_create=${4:-1800}
create_connections=16
. bench/servers.sh
start_relay
relay_url="http://127.0.0.1:$relay_port"

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$relay_pid/status"; }
# wrk prints "99%   12.34ms"; in milliseconds.
p99_ms() {
    echo "$1" | awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : 1) }'
}
# Size of the database and its WAL after a full checkpoint (the relay keeps running; WAL mode allows it).
store_bytes() {
    local db
    db=$(find "$work/relay" -maxdepth 1 -name '*.db' | head -1)
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=30); c.execute("pragma wal_checkpoint(TRUNCATE)").fetchone()' "$db"
    du -cb "$db" "$db-wal" 2>/dev/null | tail -1 | cut -f1
}
exchange() { # label
    local out
    out=$(WRK_OPTS=--latency run_wrk mailbox-exchange.lua "$relay_url" "$seconds" "$connections")
    echo "== exchange, $1: $connections connections, ${seconds}s" >&2
    echo "$out" | sed -n '/Latency Distribution/,/^requests=/p' >&2
    p99_ms "$out"
}

run_wrk mailbox-exchange.lua "$relay_url" 3 "$connections" >/dev/null
few_rss_before=$(rss_mb)
few_p99=$(exchange "a few pending")
few_rss=$(rss_mb)
few_bytes=$(store_bytes)

# Create N pending mailboxes in wrk runs of at most 10 s (wrk waits out its -d even when every thread has stopped),
# each thread stopping at its share of what is left; at most max_create seconds in all.
echo "== creating $count pending mailboxes with $create_connections connections (at most ${max_create}s)" >&2
start=$(date +%s); created=0
for _ in $(seq 1 $(( max_create / 10 + 1 ))); do
    left=$(( max_create - ($(date +%s) - start) ))
    [ "$created" -lt "$count" ] && [ "$left" -gt 0 ] || break
    create_out=$(CREATES_PER_THREAD=$(( (count - created + create_connections - 1) / create_connections )) \
        run_wrk mailbox-create.lua "$relay_url" $(( left < 10 ? left : 10 )) "$create_connections")
    created=$(( created + $(field "$create_out" created) ))
    echo "$(date -u +%T) created $created ($(echo "$create_out" | grep '^requests='))" >&2
done
echo "created $created in $(( $(date +%s) - start ))s; relay RSS after the creates: $(rss_mb) MB" >&2
many_bytes=$(store_bytes)
many_p99=$(exchange "$created pending")
many_rss=$(rss_mb)

echo "== summary: SQLite store, $created pending mailboxes"
awk -v a="$few_p99" -v b="$many_p99" -v r0="$few_rss_before" -v r1="$few_rss" -v r2="$many_rss" -v n="$created" \
    -v s0="$few_bytes" -v s1="$many_bytes" 'BEGIN {
    printf "exchange p99, a few pending: %.2f ms; %d pending: %.2f ms; ratio %.2f (target <= 1.5)\n", a, n, b, b / a
    printf "relay RSS: %d MB warm, %d MB after the first exchange run, %d MB with %d pending (target <= 250 MB)\n", r0, r1, r2, n
    printf "store: %d bytes with a few pending, %d bytes with %d pending: %.0f bytes per pending mailbox\n", s0, s1, n, (s1 - s0) / n }'
