#!/usr/bin/env bash
# The mailbox exchange (bench/wrk/mailbox-exchange.lua: five requests) against three relays in one run: on the
# SQLite store, on a single redis-server node, and on a Redis Cluster of three primaries (no replicas) that this
# script starts; beside the nginx dropbox cycle with the same wrk connections. Rounds alternate nginx, SQLite,
# Redis, Redis Cluster, so a change of the machine's load falls on all alike. Prints, per store and overall:
# exchanges/s, requests/s, the relay's CPU per request (user + system, /proc/PID/stat) and the Redis servers' CPU
# per request, and the ratios to nginx and to the SQLite store.
# Usage: bench/mailbox-stores.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 4]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-4}
. bench/servers.sh
start_nginx
start_relay sqlite
sqlite_port=$relay_port; sqlite_pid=$relay_pid; sqlite_store=()
start_redis single
start_relay redis --store redis --redis "127.0.0.1:$redis_port"
redis_rport=$relay_port; redis_rpid=$relay_pid; redis_store=("$redis_pid")
start_redis_cluster 3
start_relay cluster --store redis --redis "$cluster_nodes"
cluster_rport=$relay_port; cluster_rpid=$relay_pid; cluster_store=("${cluster_pids[@]}")

stores=(sqlite redis cluster)
declare -A label=([sqlite]="SQLite store" [redis]="Redis, one node" [cluster]="Redis Cluster, 3 primaries")
declare -A port=([sqlite]=$sqlite_port [redis]=$redis_rport [cluster]=$cluster_rport)
declare -A pid=([sqlite]=$sqlite_pid [redis]=$redis_rpid [cluster]=$cluster_rpid)
declare -A requests=() exchanges=() cpu=() store_cpu=() failures=()
nginx_url="http://127.0.0.1:$nginx_port"
BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" 3 "$connections" >/dev/null
for s in "${stores[@]}"; do
    run_wrk mailbox-exchange.lua "http://127.0.0.1:${port[$s]}" 3 "$connections" >/dev/null
    requests[$s]=0; exchanges[$s]=0; cpu[$s]=0; store_cpu[$s]=0; failures[$s]=0
done

store_pids() { case $1 in sqlite) ;; redis) echo "${redis_store[@]}" ;; cluster) echo "${cluster_store[@]}" ;; esac; }

nginx_total=0
for round in $(seq 1 "$rounds"); do
    echo "== round $round: $connections connections (wrk -t$connections -c$connections), ${seconds}s each"
    nginx_out=$(BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" "$seconds" "$connections")
    nginx_total=$((nginx_total + $(field "$nginx_out" requests)))
    echo "nginx $nginx_version WebDAV dropbox cycle: $(echo "$nginx_out" | grep '^requests=')"
    for s in "${stores[@]}"; do
        # shellcheck disable=SC2046
        before=$(cpu_us "${pid[$s]}"); sbefore=$(cpu_us_sum $(store_pids "$s"))
        out=$(run_wrk mailbox-exchange.lua "http://127.0.0.1:${port[$s]}" "$seconds" "$connections")
        # shellcheck disable=SC2046
        after=$(cpu_us "${pid[$s]}"); safter=$(cpu_us_sum $(store_pids "$s"))
        q=$(field "$out" requests)
        echo "relay, ${label[$s]}: $(echo "$out" | grep '^requests=')"
        awk -v c=$((${after%.*} - ${before%.*})) -v sc=$((safter - sbefore)) -v q="$q" -v r="$(field "$out" requests_per_second)" \
            -v n="$(field "$nginx_out" requests_per_second)" \
            'BEGIN { printf "    ratio to nginx = %.2f, relay CPU per request = %.0f us, redis-server CPU per request = %.0f us\n", r / n, c / q, sc / q }'
        requests[$s]=$((requests[$s] + q)); exchanges[$s]=$((exchanges[$s] + $(field "$out" exchanges)))
        failures[$s]=$((failures[$s] + $(field "$out" failures)))
        cpu[$s]=$((cpu[$s] + ${after%.*} - ${before%.*})); store_cpu[$s]=$((store_cpu[$s] + safter - sbefore))
    done
done

echo "== overall, $rounds rounds of ${seconds}s, $connections connections; nginx dropbox cycle $((nginx_total / (rounds * seconds))) requests/s"
printf '%-28s %12s %12s %10s %12s %10s %10s %9s\n' store exchanges/s requests/s relay-us/r redis-us/r "/nginx" "/SQLite" failures
for s in "${stores[@]}"; do
    awk -v name="${label[$s]}" -v q="${requests[$s]}" -v x="${exchanges[$s]}" -v c="${cpu[$s]}" -v sc="${store_cpu[$s]}" \
        -v n="$nginx_total" -v base="${requests[sqlite]}" -v t=$((rounds * seconds)) -v f="${failures[$s]}" \
        'BEGIN { printf "%-28s %12.0f %12.0f %10.0f %12.0f %10.2f %10.2f %9d\n", name, x / t, q / t, c / q, sc / q, q / n, q / base, f }'
done
