#!/usr/bin/env bash
# What a relay-assisted PIN guess costs the relay (docs/protocol.md section 12.6), in one run: the relay's CPU time
# per request (user + system from /proc/PID/stat, before and after each wrk pass, divided by the requests answered)
# for an evaluation (POST /v1/m/{id}/pin), a claim with a wrong proof (spends a guess) and a claim with the right
# proof (binds the claim), beside the plain mailbox requests they compare with (the bound recipient's read, a
# claiming read of a mailbox without a PIN) and beside nginx serving a small static file, the named peer.
# `Tigress.PinBench create` makes the mailboxes first (bench/wrk/pin.lua says which it uses how); rounds visit every
# workload in turn, so a change in the machine's load falls on all alike, and the totals sum the rounds.
# Usage: bench/pin-guess.sh [SECONDS per run, 5] [CONNECTIONS, 16] [ROUNDS, 3] [MAILBOXES for each kind that uses one
#        per request, 60000]
#   PERF=evaluate|wrong|right|claim|read  afterwards, profile the relay under that workload (perf record -g, SECONDS)
#                                         and print its hottest symbols (the relay then runs with the JIT's perf map)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-3}
consumed=${4:-60000}
profile=${PERF:-}
[ -z "$profile" ] || command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
. bench/servers.sh
[ -z "$profile" ] || export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
start_nginx
start_relay
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -v q -nologo bench/Tigress.PinBench >/dev/null
relay_url="http://127.0.0.1:$relay_port"
nginx_url="http://127.0.0.1:$nginx_port"

# A warm-up slot, the rounds, and with PERF a slot for the profile: each takes its own share of every mailbox list.
slots=$((rounds + 1)); [ -z "$profile" ] || slots=$((slots + 1))
mailboxes="$work/mailboxes"
dotnet bench/Tigress.PinBench/bin/Release/net10.0/Tigress.PinBench.dll create "$relay_url" "$mailboxes" --connections 16 \
    --eval 2000 --read 2000 --claim "$consumed" --right "$consumed" --wrong $((consumed / 6 + 2 * slots * connections))
# BLINDED, RIGHT_PROOF, WRONG_PROOF for pin.lua, written by Tigress.PinBench create just above
set -a
# shellcheck source=/dev/null
. "$mailboxes/params.env"
set +a
export PIN_THREADS=$connections PIN_ROUNDS=$slots
sleep 2 # let the relay's checkpoints after the creates finish

read -r -a workers <<<"$(nginx_workers)"
# name|mode|url|pids
runs=("nginx static file|static|$nginx_url|${workers[*]}"
      "relay read, bound recipient|read|$relay_url|$relay_pid"
      "relay PIN evaluation|evaluate|$relay_url|$relay_pid"
      "relay claiming read, no PIN|claim|$relay_url|$relay_pid"
      "relay claim, wrong proof|wrong|$relay_url|$relay_pid"
      "relay claim, right proof|right|$relay_url|$relay_pid")

pass() { # mode url slot seconds
    PIN_MODE=$1 PIN_FILE="$mailboxes/$1.txt" PIN_ROUND=$3 run_wrk pin.lua "$2" "$4" "$connections"
}

for run in "${runs[@]}"; do
    IFS='|' read -r _ mode url _ <<<"$run"
    pass "$mode" "$url" 0 2 >/dev/null
done

declare -A requests cpu
for round in $(seq 1 "$rounds"); do
    for run in "${runs[@]}"; do
        IFS='|' read -r name mode url pids_of <<<"$run"
        # shellcheck disable=SC2086
        before=$(cpu_us_sum $pids_of)
        out=$(pass "$mode" "$url" "$round" "$seconds")
        # shellcheck disable=SC2086
        after=$(cpu_us_sum $pids_of)
        q=$(field "$out" requests); f=$(field "$out" failures); x=$(field "$out" exhausted)
        [ "$f" = 0 ] || { echo "$name: $f of $q requests failed" >&2; exit 1; }
        [ "$x" = 0 ] || echo "$name: $x of $connections threads used up their mailboxes and stopped early (give more MAILBOXES)" >&2
        requests[$name]=$(( ${requests[$name]:-0} + q )); cpu[$name]=$(( ${cpu[$name]:-0} + after - before ))
        echo "round $round, $name: $((q / seconds)) requests/s, $(( (after - before) / q )) us of CPU per request"
    done
done

echo "== overall, $rounds rounds of ${seconds}s, $connections connections (wrk -t$connections -c$connections), nginx $nginx_version, load average $(cut -d' ' -f1-3 /proc/loadavg)"
per() { awk -v c="${cpu[$1]}" -v q="${requests[$1]}" 'BEGIN { printf "%.1f", c / q }'; }
nginx_cpu=$(per "nginx static file")
for run in "${runs[@]}"; do
    name=${run%%|*}
    mode=$(cut -d'|' -f2 <<<"$run")
    case $mode in
        evaluate) base="relay read, bound recipient" ;;
        wrong | right) base="relay claiming read, no PIN" ;;
        *) base= ;;
    esac
    awk -v name="$name" -v q="${requests[$name]}" -v t=$((rounds * seconds)) -v c="$(per "$name")" -v n="$nginx_cpu" \
        -v b="${base:+$(per "$base")}" -v bn="$base" \
        'BEGIN { printf "%-28s %6.0f requests/s  CPU per request %6.1f us  = %5.2fx nginx%s\n", name, q / t, c, c / n,
                 b == "" ? "" : sprintf("  = %.2fx the %s", c / b, bn) }'
done

if [ -n "$profile" ]; then
    url=$relay_url
    pass "$profile" "$url" $((slots - 1)) $((seconds + 3)) >"$work/profile.out" &
    wrk_pid=$!
    sleep 1
    perf record -F 499 -g -o "$work/perf.data" -p "$relay_pid" -- sleep "$seconds" 2>/dev/null
    wait "$wrk_pid"
    echo "== profile under $profile: $(grep -o 'requests=[0-9]*' "$work/profile.out")"
    echo "== share of the relay's samples by shared object"
    perf report -i "$work/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -10 || true
    echo "== hottest symbols (self)"
    perf report -i "$work/perf.data" --no-children --sort dso,sym -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | cut -c1-220 | head -25 || true
    echo "== inclusive (children), .NET frames"
    perf report -i "$work/perf.data" --children --sort sym -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | grep -iE 'Oprf|BouncyCastle|Org\.|Pin|Mailbox|Sqlite' | cut -c1-220 | head -30 || true
fi
