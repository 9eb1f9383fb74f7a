#!/usr/bin/env bash
# The mailbox binding's complete exchange against the relay (create, claim and read, answer, read the answer,
# delete: five requests), beside the dropbox cycle on a stock nginx WebDAV folder with the same wrk connections
# (one per wrk thread). Prints requests/s and exchanges/s, the ratio relay/nginx in requests/s, and the relay's
# CPU time per request (user + system, from /proc/PID/stat before and after the measured run).
# Usage: bench/mailbox-exchange.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 6]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-6}
. bench/servers.sh
start_nginx
start_relay

nginx_url="http://127.0.0.1:$nginx_port"
relay_url="http://127.0.0.1:$relay_port"
BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" 3 "$connections" >/dev/null
run_wrk mailbox-exchange.lua "$relay_url" 3 "$connections" >/dev/null

# Rounds alternate between the two servers, so a change in the machine's load between rounds falls on both alike;
# the overall ratio sums the requests of every round.
nginx_total=0; relay_total=0; exchanges_total=0; cpu_total=0; nginx_cpu=0
read -r -a workers <<<"$(nginx_workers)"
for round in $(seq 1 "$rounds"); do
    nginx_before=$(cpu_us_sum "${workers[@]}")
    nginx_out=$(BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" "$seconds" "$connections")
    nginx_cpu=$((nginx_cpu + $(cpu_us_sum "${workers[@]}") - nginx_before))
    before=$(cpu_us "$relay_pid")
    relay_out=$(run_wrk mailbox-exchange.lua "$relay_url" "$seconds" "$connections")
    after=$(cpu_us "$relay_pid")
    echo "== round $round: $connections connections (wrk -t$connections -c$connections), ${seconds}s each"
    echo "nginx $nginx_version WebDAV dropbox cycle: $(echo "$nginx_out" | grep '^requests=')"
    echo "tigress relay mailbox exchange:     $(echo "$relay_out" | grep '^requests=')"
    awk -v r="$(field "$relay_out" requests_per_second)" -v n="$(field "$nginx_out" requests_per_second)" -v cpu=$((${after%.*} - ${before%.*})) -v q="$(echo "$relay_out" | grep -o '^requests=[0-9]*' | cut -d= -f2)" \
        'BEGIN { printf "ratio relay/nginx (requests/s) = %.2f\nrelay CPU per request = %.0f us\n", r / n, cpu / q }'
    nginx_total=$((nginx_total + $(field "$nginx_out" requests))); relay_total=$((relay_total + $(field "$relay_out" requests)))
    exchanges_total=$((exchanges_total + $(field "$relay_out" exchanges))); cpu_total=$((cpu_total + ${after%.*} - ${before%.*}))
done
awk -v r="$relay_total" -v n="$nginx_total" -v k="$rounds" -v x="$exchanges_total" -v cpu="$cpu_total" -v s="$seconds" -v nc="$nginx_cpu" \
    'BEGIN { printf "== overall, %d rounds: nginx %d requests, relay %d requests (%.0f exchanges/s), ratio relay/nginx = %.2f, relay CPU per request = %.0f us (nginx %.0f us)\n", k, n, r, x / (k * s), r / n, cpu / r, nc / n }'
