#!/usr/bin/env bash
# Profiles the relay under a wrk load with perf: starts `tigress relay` with the JIT's perf map on, warms it up,
# records call graphs for SECONDS while wrk runs SCRIPT with CONNECTIONS connections, and prints the share of the
# relay's samples per shared object (kernel, SQLite, JIT-compiled .NET code...), its hottest symbols, and the share
# of each system call with the kernel time under it (what SQLite costs in all, what sending answers costs).
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
perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12 || true
echo "== hottest symbols (self)"
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -25 || true
# Each sample goes to the system call on its stack (with the kernel time under it), else to where it was taken:
# SQLite's own share is its library plus the calls only it makes (pwrite, pread, fcntl, fsync, ftruncate).
echo "== share of the relay's samples by system call (kernel time under it included), else by library"
perf script -i "$work/perf.data" 2>/dev/null | python3 -c '
import collections, sys
calls = [("sys_pwrite64", "pwrite (SQLite)"), ("sys_pread64", "pread (SQLite)"), ("sys_fcntl", "fcntl (SQLite locks)"),
         ("sys_fsync", "fsync (SQLite, the wipe)"), ("sys_fdatasync", "fsync (SQLite, the wipe)"),
         ("sys_ftruncate", "ftruncate (SQLite, the wipe)"), ("sys_sendto", "sendto"), ("sys_recvfrom", "recvfrom"),
         ("sys_epoll_wait", "epoll_wait"), ("sys_futex", "futex"), ("sys_sched_yield", "sched_yield")]
libraries = [("libe_sqlite3", "SQLite (its own code)"), (".map)", ".NET code (JIT-compiled)"), ("libcoreclr", ".NET runtime"),
             ("libc.so", "libc"), ("libcrypto", "OpenSSL"), ("kernel", "kernel, other"), ("vdso", "clock (vdso)")]
shares, total, stack = collections.Counter(), 0, []
def count():
    global total
    if not stack:
        return
    total += 1
    frames = " ".join(stack)
    name = next((n for key, n in calls if key in frames), None)
    name = name or next((n for key, n in libraries if key in stack[0]), "other")
    shares[name] += 1
for line in sys.stdin:
    if not line.strip():
        count(); stack = []
    elif line[0] in " \t":
        stack.append(line.strip().split(None, 1)[-1])
count()
for name, n in shares.most_common(16):
    print(f"{100 * n / max(total, 1):6.1f}%  {name}")
'
