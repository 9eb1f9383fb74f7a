#!/usr/bin/env bash
# The whole receive of a relay-assisted PIN share (docs/protocol.md section 12.6) with its sender away, on loopback:
#   tigress  `tigress share --pin --text T` (the Native AOT binary) prints the link and `PIN: nnnnnn`, is killed with
#            SIGKILL, then `tigress receive --yes --pin PIN LINK` is timed from its start until it exits 0;
#   SDK      the same receive in one process (`Tigress.PinBench receive`): a share made through the SDK, its session
#            dropped once the link exists, then TransferSession.Receive(...).RunAsync() timed with a fresh client;
#   peer     magic-wormhole's `wormhole receive CODE` of a text whose sender (`wormhole send --text T --code CODE`)
#            is online and waiting (its PAKE message is on the mailbox server), timed from its start until it exits.
# The tigress relay (the same binary) and a magic-wormhole mailbox server run on loopback. The tigress and wormhole
# runs alternate, after one warm-up each; the SDK runs after them, after its own warm-ups. Each run checks the text
# received. Prints the median and the 90th percentile of each, and the ratio tigress / wormhole of the medians.
# Usage: bench/pin-receive.sh [RUNS, 15]
#   TIGRESS=path/to/tigress  use this binary instead of publishing one (e.g. the JIT apphost)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
work=$(mktemp -d)
relay_pid='' mailbox_pid='' share_pid='' send_pid=''
trap 'kill $relay_pid $mailbox_pid $share_pid $send_pid 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in wormhole twist3; do
  command -v "$tool" >/dev/null || {
    echo "$tool is not installed: apt-get install magic-wormhole python3-magic-wormhole-mailbox-server" >&2; exit 1; }
done

tigress=${TIGRESS:-}
if [ -z "$tigress" ]; then
  # The same command as README's "Build a native binary"; nice keeps a shared machine responsive.
  nice -n 15 dotnet publish src/Tigress.Cli -c Release -r linux-x64 -p:PublishAot=true -v q -nologo >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; echo "the Native AOT publish failed (README: Build a native binary)" >&2; exit 1; }
  tigress=src/Tigress.Cli/bin/Release/net10.0/linux-x64/publish/tigress
fi
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -v q -nologo bench/Tigress.PinBench >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
relay_port=$(free_port)
mailbox_port=$(free_port)
relay="http://127.0.0.1:$relay_port"
mailbox="ws://127.0.0.1:$mailbox_port/v1"
# A text message needs no transit relay; this keeps wormhole from looking for its public one all the same.
transit="tcp:127.0.0.1:$(free_port)"

"$tigress" relay --urls "$relay" --data "$work/relay" --no-rate-limit >"$work/relay.log" 2>&1 &
relay_pid=$!
(cd "$work" && exec twist3 wormhole-mailbox --port "tcp:$mailbox_port:interface=127.0.0.1" --channel-db="$work/mailbox.sqlite" >"$work/mailbox.log" 2>&1) &
mailbox_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/relay.log" && break; sleep 0.1; done
for _ in $(seq 1 200); do grep -q "Starting reactor" "$work/mailbox.log" && break; sleep 0.1; done
grep -q "listening on" "$work/relay.log" || { echo "the relay did not start:" >&2; cat "$work/relay.log" >&2; exit 1; }
grep -q "Starting reactor" "$work/mailbox.log" || { echo "the wormhole mailbox server did not start:" >&2; cat "$work/mailbox.log" >&2; exit 1; }

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# One tigress run: the sharer prints the link and the PIN, and is killed before the receiver starts.
tigress_run() {
  local text=$1 fifo="$work/share.out" link pin_line start
  rm -f "$fifo"; mkfifo "$fifo"
  "$tigress" share --relay "$relay" --pin --text "$text" >"$fifo" 2>"$work/share.err" &
  share_pid=$!
  exec 3<"$fifo"
  { read -r link <&3 && read -r pin_line <&3; } || { echo "tigress share printed no link and PIN:" >&2; cat "$work/share.err" >&2; exit 1; }
  kill -KILL "$share_pid"; wait "$share_pid" 2>/dev/null || true; share_pid=
  exec 3<&-
  case $link in *p=2*) ;; *) echo "not a relay-assisted PIN share (p=2): $link" >&2; exit 1 ;; esac
  start=$(now_us)
  "$tigress" receive --yes --pin "${pin_line#PIN: }" "$link" >"$work/received" 2>"$work/receive.err" || { cat "$work/receive.err" >&2; exit 1; }
  echo $(( $(now_us) - start )) >>"$work/tigress.us"
  [ "$(cat "$work/received")" = "$text" ] || { echo "tigress: received '$(cat "$work/received")', expected '$text'" >&2; exit 1; }
}

# Whether the sender holding nameplate NAME has put its PAKE message on the mailbox server: it is online and waiting.
sender_waiting() {
  python3 - "$work/mailbox.sqlite" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("select count(*) from nameplates n join messages m on m.mailbox_id = n.mailbox_id "
               "where n.name = ? and m.phase = 'pake'", (sys.argv[2],)).fetchone()[0]
sys.exit(0 if n else 1)
PY
}

# One wormhole run: the sender is started and waits; only the receive is timed.
wormhole_run() {
  local text=$1 nameplate=$2 code="$2-bench-pin" start
  wormhole --relay-url "$mailbox" --transit-helper "$transit" send --text "$text" --code "$code" >/dev/null 2>"$work/send.err" &
  send_pid=$!
  for _ in $(seq 1 100); do sender_waiting "$nameplate" && break; sleep 0.1; done
  sender_waiting "$nameplate" || { echo "wormhole send did not come online:" >&2; cat "$work/send.err" >&2; exit 1; }
  start=$(now_us)
  wormhole --relay-url "$mailbox" --transit-helper "$transit" receive "$code" >"$work/received" 2>"$work/receive.err" || { cat "$work/receive.err" >&2; exit 1; }
  echo $(( $(now_us) - start )) >>"$work/wormhole.us"
  wait "$send_pid" || { cat "$work/send.err" >&2; exit 1; }
  send_pid=
  [ "$(cat "$work/received")" = "$text" ] || { echo "wormhole: received '$(cat "$work/received")', expected '$text'" >&2; exit 1; }
}

tigress_run "warm-up"; wormhole_run "warm-up" 1
rm -f "$work/tigress.us" "$work/wormhole.us"
for i in $(seq 1 "$runs"); do
  tigress_run "hello $i"
  wormhole_run "hello $i" $((i + 1))
done
dotnet bench/Tigress.PinBench/bin/Release/net10.0/Tigress.PinBench.dll receive "$relay" --runs "$runs" --warmup 3 | tee "$work/sdk.out"

# median and p90 (nearest rank) in milliseconds, then every run sorted
summary() {
  sort -n "$1" | awk '{ v[NR] = $1 / 1000 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; p = int(0.9 * NR); if (p < 0.9 * NR) p++
    printf "%.1f %.1f", m, v[p]; s = ""; for (i = 1; i <= NR; i++) s = s sprintf(" %.0f", v[i]); print " |" s }'
}
read -r t t90 _ <<<"$(summary "$work/tigress.us")"
read -r w w90 _ <<<"$(summary "$work/wormhole.us")"
echo "== $runs runs each, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$tigress" --version 2>/dev/null | head -1), $(wormhole --version 2>&1)"
echo "tigress receive --pin (sender killed): median ${t} ms, p90 ${t90} ms ($(summary "$work/tigress.us" | cut -d'|' -f2) )"
echo "SDK Receive().RunAsync() (sender gone): $(grep '^sdk_receive_ms' "$work/sdk.out")"
echo "wormhole receive (sender online):      median ${w} ms, p90 ${w90} ms ($(summary "$work/wormhole.us" | cut -d'|' -f2) )"
awk -v t="$t" -v w="$w" 'BEGIN { printf "ratio tigress / wormhole (medians) = %.3f\n", t / w }'
