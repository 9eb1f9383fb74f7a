#!/usr/bin/env bash
# Profiles the relay under a wrk load with perf: starts `tigress relay` with the JIT's perf map on, warms it up,
# records call graphs for SECONDS while wrk runs SCRIPT with CONNECTIONS connections, and prints the share of the
# relay's samples per shared object (kernel, SQLite, JIT-compiled .NET code...) and its hottest symbols.
# Usage: bench/profile-relay.sh [SCRIPT mailbox-exchange.lua|dropbox-cycle.lua] [SECONDS, 10] [CONNECTIONS, 16]
# WARMUP (seconds, default 30) lets tiered compilation finish first; PERF_DATA keeps the recording at that path.
set -euo pipefail
cd "$(dirname "$0")/.."
script=${1:-mailbox-exchange.lua}
seconds=${2:-10}
connections=${3:-16}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
. bench/servers.sh
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
start_relay
relay_url="http://127.0.0.1:$relay_port"
BASE_PATH=/d/ run_wrk "$script" "$relay_url" "${WARMUP:-30}" "$connections" >/dev/null
BASE_PATH=/d/ run_wrk "$script" "$relay_url" $((seconds + 4)) "$connections" >"$work/wrk.out" &
wrk_pid=$!
sleep 2
perf record -F 499 -g -o "$work/perf.data" -p "$relay_pid" -- sleep "$seconds" 2>/dev/null
wait "$wrk_pid"
[ -z "${PERF_DATA:-}" ] || cp "$work/perf.data" "$PERF_DATA"
grep '^requests=' "$work/wrk.out" || true
echo "== share of the relay's samples by shared object"
perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12
echo "== hottest symbols (self)"
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -25
