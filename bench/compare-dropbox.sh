#!/usr/bin/env bash
# Store-and-forward throughput of the relay's /d/ against a stock nginx WebDAV folder, in the same run, with the
# same load generator: PUT a message, GET it, DELETE it. Prints both results and the ratio relay/nginx.
# Usage: bench/compare-dropbox.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
work=$(mktemp -d)
relay_pid=
trap 'kill $(cat "$work"/nginx.pid 2>/dev/null) $relay_pid 2>/dev/null || true; rm -rf "$work"' EXIT

command -v nginx >/dev/null || { echo "nginx is not installed; ./test.sh installs nginx-light" >&2; exit 1; }
dotnet build -c Release -v q -nologo src/Tigress.Cli >/dev/null
dotnet build -c Release -v q -nologo bench/Tigress.Bench >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
nginx_port=$(free_port)
relay_port=$(free_port)

# A stock nginx: its WebDAV module on one folder, autoindex off, as a dropbox server is configured.
mkdir -p "$work/dav" "$work/logs"
# nginx workers run as an unprivileged user: let them into the folder.
chmod 755 "$work"; chmod 777 "$work/dav"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/body;
    server {
        listen 127.0.0.1:$nginx_port;
        location /dav/ {
            alias $work/dav/;
            dav_methods PUT DELETE;
            create_full_put_path on;
            autoindex off;
            client_max_body_size 128k;
        }
    }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"

dotnet src/Tigress.Cli/bin/Release/net10.0/tigress.dll relay --urls "http://127.0.0.1:$relay_port" --data "$work/relay" --no-rate-limit >"$work/relay.log" 2>&1 &
relay_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/relay.log" && break; sleep 0.1; done

bench() { dotnet bench/Tigress.Bench/bin/Release/net10.0/Tigress.Bench.dll "$1" --mode dropbox --seconds "$seconds" --connections "$connections"; }
echo "== nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') WebDAV"
nginx_out=$(bench "http://127.0.0.1:$nginx_port/dav/"); echo "$nginx_out"
echo "== tigress relay /d/"
relay_out=$(bench "http://127.0.0.1:$relay_port/d/"); echo "$relay_out"

rate() { echo "$1" | grep -o 'exchanges_per_second=[0-9]*' | cut -d= -f2; }
awk -v r="$(rate "$relay_out")" -v n="$(rate "$nginx_out")" 'BEGIN { printf "ratio relay/nginx = %.2f\n", r / n }'
