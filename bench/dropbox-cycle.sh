#!/usr/bin/env bash
# Store-and-forward throughput of the relay's /d/ against a stock nginx WebDAV folder, in the same run, with the
# same load generator (wrk) and the same connections: PUT a 96-byte message at a fresh 43-character location, GET
# it, DELETE it. Each of the CONNECTIONS wrk connections (one per wrk thread) runs cycles in sequence.
# Prints requests/s for both, and the ratio relay/nginx, for each of ROUNDS rounds (nginx, then the relay), and the
# CPU time each server spent per request (user + system from /proc/PID/stat: the relay's process, nginx's workers),
# a figure the machine's other load moves less than the request rate.
# Usage: bench/dropbox-cycle.sh [SECONDS per run, 5] [CONNECTIONS, 32] [ROUNDS, 6]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-32}
rounds=${3:-6}
. bench/servers.sh
start_nginx
start_relay

nginx_url="http://127.0.0.1:$nginx_port"
relay_url="http://127.0.0.1:$relay_port"
# Warm up both (connections, the JIT, SQLite's page cache) before measuring.
BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" 3 "$connections" >/dev/null
BASE_PATH=/d/ run_wrk dropbox-cycle.lua "$relay_url" 3 "$connections" >/dev/null

# Rounds alternate between the two servers, so a change in the machine's load between rounds falls on both alike;
# the overall ratio sums the requests of every round.
nginx_total=0; relay_total=0; nginx_cpu=0; relay_cpu=0
read -r -a workers <<<"$(nginx_workers)"
for round in $(seq 1 "$rounds"); do
    before=$(cpu_us_sum "${workers[@]}")
    nginx_out=$(BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" "$seconds" "$connections")
    nginx_cpu=$((nginx_cpu + $(cpu_us_sum "${workers[@]}") - before))
    before=$(cpu_us_sum "$relay_pid")
    relay_out=$(BASE_PATH=/d/ run_wrk dropbox-cycle.lua "$relay_url" "$seconds" "$connections")
    relay_cpu=$((relay_cpu + $(cpu_us_sum "$relay_pid") - before))
    echo "== round $round: $connections connections (wrk -t$connections -c$connections), ${seconds}s each"
    echo "nginx $nginx_version WebDAV: $(echo "$nginx_out" | grep '^requests=')"
    echo "tigress relay /d/:     $(echo "$relay_out" | grep '^requests=')"
    awk -v r="$(field "$relay_out" requests_per_second)" -v n="$(field "$nginx_out" requests_per_second)" \
        'BEGIN { printf "ratio relay/nginx = %.2f\n", r / n }'
    nginx_total=$((nginx_total + $(field "$nginx_out" requests))); relay_total=$((relay_total + $(field "$relay_out" requests)))
done
awk -v r="$relay_total" -v n="$nginx_total" -v k="$rounds" -v rc="$relay_cpu" -v nc="$nginx_cpu" \
    'BEGIN { printf "== overall, %d rounds: nginx %d requests, relay %d requests, ratio relay/nginx = %.2f; CPU per request: nginx %.0f us, relay %.0f us\n", k, n, r, r / n, nc / n, rc / r }'
