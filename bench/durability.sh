#!/usr/bin/env bash
# What Relay:Durability=power costs: creates only (bench/wrk/mailbox-create.lua, POST /v1/m with a 96-byte sealed
# payload) against two relays on the SQLite store, one with the default durability (process: synchronous=NORMAL)
# and one with power (synchronous=FULL, a sync of the write-ahead log at each group commit). Rounds alternate the
# two, so a change of the machine's load falls on both alike. Prints creates/s per round and overall, and the ratio.
# Usage: bench/durability.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 4]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-4}
. bench/servers.sh
start_relay process
process_port=$relay_port
TIGRESS__Relay__Durability=power start_relay power
power_port=$relay_port
export CREATES_PER_THREAD=100000000

declare -A port=([process]=$process_port [power]=$power_port) created=([process]=0 [power]=0) failed=([process]=0 [power]=0)
for d in process power; do run_wrk mailbox-create.lua "http://127.0.0.1:${port[$d]}" 2 "$connections" >/dev/null; done
for round in $(seq 1 "$rounds"); do
    echo "== round $round: $connections connections, ${seconds}s each"
    for d in process power; do
        out=$(run_wrk mailbox-create.lua "http://127.0.0.1:${port[$d]}" "$seconds" "$connections")
        echo "Relay:Durability=$d: $(echo "$out" | grep '^requests=')"
        created[$d]=$((created[$d] + $(field "$out" created))); failed[$d]=$((failed[$d] + $(field "$out" failures)))
    done
done
total=$((seconds * rounds))
awk -v a="${created[process]}" -v b="${created[power]}" -v t="$total" -v fa="${failed[process]}" -v fb="${failed[power]}" 'BEGIN {
    printf "overall: process %.0f creates/s (%d failures), power %.0f creates/s (%d failures), power/process = %.2f\n", a / t, fa, b / t, fb, b / a }'
