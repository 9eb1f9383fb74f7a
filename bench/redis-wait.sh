#!/usr/bin/env bash
# The cost of acknowledging only what a replica holds: the mailbox exchange (bench/wrk/mailbox-exchange.lua) against
# two relays on the same Redis primary with one replica (both started here, append-only file synced every second):
# one with --redis-min-replicas 0 (acknowledges what the primary holds), one with the default (a WAIT for the
# replica after every write). Rounds alternate the two, so a change of the machine's load falls on both alike.
# Prints requests/s, exchanges/s and the mean time per request for each, and the ratio.
# Usage: bench/redis-wait.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 4]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-4}
. bench/servers.sh
start_redis primary
primary_port=$redis_port
start_redis replica --replicaof 127.0.0.1 "$primary_port"
for _ in $(seq 1 100); do
    redis-cli -p "$redis_port" info replication | grep -q 'master_link_status:up' && break; sleep 0.1
done
redis-cli -p "$redis_port" info replication | grep -q 'master_link_status:up' || { echo "the replica did not sync" >&2; exit 1; }
start_relay nowait --store redis --redis "127.0.0.1:$primary_port" --redis-min-replicas 0
nowait_port=$relay_port
start_relay wait --store redis --redis "127.0.0.1:$primary_port"
wait_port=$relay_port

modes=(nowait wait)
declare -A label=([nowait]="MinReplicas=0 (no WAIT)" [wait]="MinReplicas=1 (WAIT)")
declare -A port=([nowait]=$nowait_port [wait]=$wait_port)
declare -A requests=() exchanges=() failures=()
for m in "${modes[@]}"; do
    run_wrk mailbox-exchange.lua "http://127.0.0.1:${port[$m]}" 3 "$connections" >/dev/null
    requests[$m]=0; exchanges[$m]=0; failures[$m]=0
done
for round in $(seq 1 "$rounds"); do
    echo "== round $round: $connections connections, ${seconds}s each"
    for m in "${modes[@]}"; do
        out=$(run_wrk mailbox-exchange.lua "http://127.0.0.1:${port[$m]}" "$seconds" "$connections")
        echo "${label[$m]}: $(echo "$out" | grep '^requests=')"
        requests[$m]=$((requests[$m] + $(field "$out" requests))); exchanges[$m]=$((exchanges[$m] + $(field "$out" exchanges)))
        failures[$m]=$((failures[$m] + $(field "$out" failures)))
    done
done

echo "== overall, $rounds rounds of ${seconds}s, $connections connections"
printf '%-26s %12s %12s %14s %10s %9s\n' relay exchanges/s requests/s "ms/request" "/no WAIT" failures
for m in "${modes[@]}"; do
    awk -v name="${label[$m]}" -v q="${requests[$m]}" -v x="${exchanges[$m]}" -v base="${requests[nowait]}" \
        -v t=$((rounds * seconds)) -v c="$connections" -v f="${failures[$m]}" \
        'BEGIN { printf "%-26s %12.0f %12.0f %14.2f %10.2f %9d\n", name, x / t, q / t, 1000 * c * t / q, q / base, f }'
done
