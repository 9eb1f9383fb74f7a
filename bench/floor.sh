#!/usr/bin/env bash
# Where a relay request's cost goes, in one run: the same wrk workloads against stock nginx (WebDAV), against a bare
# Kestrel server that answers them with fixed bodies and does no work (bench/Tigress.FloorBench: the floor of an
# ASP.NET Core request on this machine), and against the relay. For each, requests/s, its ratio to nginx's dropbox
# cycle, and the server's CPU per request (user + system from /proc/PID/stat; nginx's worker processes).
# The difference between the relay and the floor on a workload is what the relay's own work costs.
# Usage: bench/floor.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-3}
. bench/servers.sh
start_nginx
start_relay
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -v q -nologo bench/Tigress.FloorBench >/dev/null
floor_port=$(free_port)
dotnet bench/Tigress.FloorBench/bin/Release/net10.0/Tigress.FloorBench.dll "http://127.0.0.1:$floor_port" >"$work/floor.log" 2>&1 &
floor_pid=$!
pids+=("$floor_pid")
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$floor_port/d/x" && break; sleep 0.1; done

read -r -a workers <<<"$(nginx_workers)"
# script base-path url pids...: one wrk pass; prints its requests, the CPU microseconds of PIDS, its failures.
measure() {
    local script=$1 base=$2 url=$3; shift 3
    local before after out
    before=$(cpu_us_sum "$@")
    out=$(BASE_PATH=$base run_wrk "$script" "$url" "$seconds" "$connections")
    after=$(cpu_us_sum "$@")
    echo "$(field "$out" requests) $((after - before)) $(field "$out" failures)"
}

runs=("nginx dropbox cycle|dropbox-cycle.lua|/dav/|http://127.0.0.1:$nginx_port|${workers[*]}"
      "floor dropbox cycle|dropbox-cycle.lua|/d/|http://127.0.0.1:$floor_port|$floor_pid"
      "relay dropbox cycle|dropbox-cycle.lua|/d/|http://127.0.0.1:$relay_port|$relay_pid"
      "floor mailbox exchange|mailbox-exchange.lua|/d/|http://127.0.0.1:$floor_port|$floor_pid"
      "relay mailbox exchange|mailbox-exchange.lua|/d/|http://127.0.0.1:$relay_port|$relay_pid")

# Warm up every server and workload (connections, the JIT, SQLite's page cache).
for run in "${runs[@]}"; do
    IFS='|' read -r _ script base url _ <<<"$run"
    BASE_PATH=$base run_wrk "$script" "$url" 3 "$connections" >/dev/null
done

# Rounds visit every server in turn, so a change in the machine's load falls on all alike; totals sum the rounds.
declare -A requests cpu
for round in $(seq 1 "$rounds"); do
    for run in "${runs[@]}"; do
        IFS='|' read -r name script base url pids_of <<<"$run"
        # shellcheck disable=SC2086
        read -r q c f <<<"$(measure "$script" "$base" "$url" $pids_of)"
        [ "$f" = 0 ] || { echo "$name: $f requests failed" >&2; exit 1; }
        requests[$name]=$(( ${requests[$name]:-0} + q )); cpu[$name]=$(( ${cpu[$name]:-0} + c ))
        echo "round $round, $name: $((q / seconds)) requests/s, $((c / q)) us of CPU per request"
    done
done

echo "== overall, $rounds rounds of ${seconds}s, $connections connections (wrk -t$connections -c$connections), nginx $nginx_version"
nginx_requests=${requests[nginx dropbox cycle]}
for run in "${runs[@]}"; do
    name=${run%%|*}
    awk -v name="$name" -v q="${requests[$name]}" -v c="${cpu[$name]}" -v n="$nginx_requests" -v t=$((rounds * seconds)) \
        'BEGIN { printf "%-24s %7.0f requests/s  ratio to nginx %.2f  CPU per request %3.0f us\n", name, q / t, q / n, c / q }'
done
