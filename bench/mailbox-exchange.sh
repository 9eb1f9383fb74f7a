#!/usr/bin/env bash
# The mailbox binding's complete exchange against the relay (create, claim and read, answer, read the answer,
# delete: five requests), beside the dropbox cycle on a stock nginx WebDAV folder with the same wrk connections
# (one per wrk thread). Prints requests/s and exchanges/s, the ratio relay/nginx in requests/s, and the relay's
# CPU time per request (user + system, from /proc/PID/stat before and after the measured run).
# Usage: bench/mailbox-exchange.sh [SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
rounds=${3:-1}
. bench/servers.sh
start_nginx
start_relay

nginx_url="http://127.0.0.1:$nginx_port"
relay_url="http://127.0.0.1:$relay_port"
BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" 3 "$connections" >/dev/null
run_wrk mailbox-exchange.lua "$relay_url" 3 "$connections" >/dev/null

for round in $(seq 1 "$rounds"); do
    nginx_out=$(BASE_PATH=/dav/ run_wrk dropbox-cycle.lua "$nginx_url" "$seconds" "$connections")
    before=$(cpu_us "$relay_pid")
    relay_out=$(run_wrk mailbox-exchange.lua "$relay_url" "$seconds" "$connections")
    after=$(cpu_us "$relay_pid")
    echo "== round $round: $connections connections (wrk -t$connections -c$connections), ${seconds}s each"
    echo "nginx $nginx_version WebDAV dropbox cycle: $(echo "$nginx_out" | grep '^requests=')"
    echo "tigress relay mailbox exchange:     $(echo "$relay_out" | grep '^requests=')"
    awk -v r="$(field "$relay_out" requests_per_second)" -v n="$(field "$nginx_out" requests_per_second)" -v cpu=$((${after%.*} - ${before%.*})) -v q="$(echo "$relay_out" | grep -o '^requests=[0-9]*' | cut -d= -f2)" \
        'BEGIN { printf "ratio relay/nginx (requests/s) = %.2f\nrelay CPU per request = %.0f us\n", r / n, cpu / q }'
done
