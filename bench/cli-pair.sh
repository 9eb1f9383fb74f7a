#!/usr/bin/env bash
# Wall time of one text share between two processes on loopback: `tigress share` + `tigress receive LINK` (the
# Native AOT binary, its own relay) against magic-wormhole's `send --text` + `receive CODE` (its own mailbox
# server). Runs PAIRS pairs of each, one at a time, after one warm-up pair each, and prints the medians and the
# ratio tigress/wormhole. A pair's time runs from starting the sender to both processes having exited.
# Usage: bench/cli-pair.sh [PAIRS]
#   TIGRESS=path/to/tigress  use this binary instead of publishing one (e.g. the JIT apphost, for a before figure)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-10}
work=$(mktemp -d)
relay_pid=
mailbox_pid=
trap 'kill $relay_pid $mailbox_pid 2>/dev/null || true; rm -rf "$work"' EXIT

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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
relay_port=$(free_port)
mailbox_port=$(free_port)
relay="http://127.0.0.1:$relay_port"
mailbox="ws://127.0.0.1:$mailbox_port/v1"

"$tigress" relay --urls "$relay" --data "$work/relay" --no-rate-limit >"$work/relay.log" 2>&1 &
relay_pid=$!
(cd "$work" && exec twist3 wormhole-mailbox --port "tcp:$mailbox_port:interface=127.0.0.1" --channel-db="$work/mailbox.sqlite" >"$work/mailbox.log" 2>&1) &
mailbox_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/relay.log" && break; sleep 0.1; done
for _ in $(seq 1 200); do grep -q "Starting reactor" "$work/mailbox.log" && break; sleep 0.1; done
grep -q "listening on" "$work/relay.log" || { echo "the relay did not start:" >&2; cat "$work/relay.log" >&2; exit 1; }
grep -q "Starting reactor" "$work/mailbox.log" || { echo "the wormhole mailbox server did not start:" >&2; cat "$work/mailbox.log" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One tigress pair: the receiver starts as soon as the sender prints its link (its first line of output).
tigress_pair() {
  local text=$1 link fifo="$work/link" start
  rm -f "$fifo"; mkfifo "$fifo"
  start=$(now_ms)
  "$tigress" share --relay "$relay" --text "$text" >"$fifo" 2>"$work/share.err" &
  local share_pid=$!
  exec 3<"$fifo"
  read -r link <&3 || { echo "tigress share printed no link:" >&2; cat "$work/share.err" >&2; exit 1; }
  "$tigress" receive --yes "$link" >"$work/received" 2>"$work/receive.err" || { cat "$work/receive.err" >&2; exit 1; }
  wait "$share_pid" || { cat "$work/share.err" >&2; exit 1; }
  echo $(( $(now_ms) - start )) >>"$work/tigress.ms"
  exec 3<&-
  [ "$(cat "$work/received")" = "$text" ] || { echo "tigress: received '$(cat "$work/received")', expected '$text'" >&2; exit 1; }
}

# One wormhole pair: a fixed code lets the receiver start at once, as the tigress receiver does.
wormhole_pair() {
  local text=$1 code=$2 start
  start=$(now_ms)
  wormhole --relay-url "$mailbox" send --text "$text" --code "$code" >/dev/null 2>"$work/send.err" &
  local send_pid=$!
  wormhole --relay-url "$mailbox" receive "$code" >"$work/received" 2>"$work/receive.err" || { cat "$work/receive.err" >&2; exit 1; }
  wait "$send_pid" || { cat "$work/send.err" >&2; exit 1; }
  echo $(( $(now_ms) - start )) >>"$work/wormhole.ms"
  [ "$(cat "$work/received")" = "$text" ] || { echo "wormhole: received '$(cat "$work/received")', expected '$text'" >&2; exit 1; }
}

tigress_pair "warm-up"; wormhole_pair "warm-up" "1-warm-up"
rm -f "$work/tigress.ms" "$work/wormhole.ms"
for i in $(seq 1 "$pairs"); do
  tigress_pair "hello $i"
  wormhole_pair "hello $i" "$((i + 1))-bench-pair"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
t=$(median "$work/tigress.ms"); w=$(median "$work/wormhole.ms")
echo "tigress share+receive:  median ${t} ms over $pairs pairs ($(sort -n "$work/tigress.ms" | tr '\n' ' '))"
echo "wormhole send+receive:  median ${w} ms over $pairs pairs ($(sort -n "$work/wormhole.ms" | tr '\n' ' '))"
awk -v t="$t" -v w="$w" 'BEGIN { printf "ratio tigress/wormhole = %.2f\n", t / w }'
