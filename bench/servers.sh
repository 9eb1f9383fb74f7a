# Shared by the wrk drivers (sourced): starts a stock nginx (a WebDAV folder at /dav/, a small static file at
# /static/small.txt), the built `tigress relay` (on its SQLite store, or on Redis) and redis-server nodes, all on
# loopback in the temporary folder $work, and stops them on exit.
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is not installed; ./test.sh installs nginx-light" >&2; exit 1; }

work=$(mktemp -d)
relay_pid=
pids=() # every relay and redis-server started, stopped on exit
trap 'kill $(cat "$work"/nginx.pid 2>/dev/null) "${pids[@]}" 2>/dev/null || true; sleep 0.5; rm -rf "$work"' EXIT
export WRK_SCRIPTS="$PWD/bench/wrk"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A free port P at most 55535 with P + 10000 free too: a Redis Cluster node also listens on its port + 10000.
free_cluster_port() {
    python3 -c '
import random, socket
for _ in range(200):
    p = random.randint(20000, 55535)
    try:
        for q in (p, p + 10000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        pass'
}

start_nginx() {
    nginx_port=$(free_port)
    # A stock nginx: its WebDAV module on one folder, autoindex off, as a dropbox server is configured.
    mkdir -p "$work/dav" "$work/logs" "$work/static"
    # A small static file (128 bytes, about the size of a relay's JSON answer) at /static/small.txt.
    head -c 96 /dev/urandom | base64 -w0 >"$work/static/small.txt"
    # nginx workers run as an unprivileged user: let them into the folder.
    chmod 755 "$work" "$work/static"; chmod 777 "$work/dav"; chmod 644 "$work/static/small.txt"
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
        location /static/ {
            alias $work/static/;
        }
    }
}
CONF
    nginx -p "$work" -c "$work/nginx.conf"
    nginx_version=$(nginx -v 2>&1 | sed 's/.*nginx\///')
}

# The relay as `tigress relay` runs it (JIT, Release), limits that would refuse a load test turned off. RELAY_DLL
# runs another build's tigress.dll instead (e.g. a copy of the build before a change, for before/after runs).
# Usage: start_relay [NAME [RELAY OPTIONS...]] (NAME names its data folder and log; default "relay"); sets
# relay_port and relay_pid.
start_relay() {
    local name=${1:-relay}
    [ $# -gt 0 ] && shift
    [ -n "${SKIP_BUILD:-}" ] || [ -n "${relay_built:-}" ] || dotnet build -c Release -v q -nologo src/Tigress.Cli >/dev/null
    relay_built=1
    relay_port=$(free_port)
    dotnet "${RELAY_DLL:-src/Tigress.Cli/bin/Release/net10.0/tigress.dll}" relay --urls "http://127.0.0.1:$relay_port" \
        --data "$work/$name" --no-rate-limit --max-connections-per-client 0 "$@" >"$work/$name.log" 2>&1 &
    relay_pid=$!
    pids+=("$relay_pid")
    for _ in $(seq 1 200); do grep -q "listening on" "$work/$name.log" && break; sleep 0.1; done
    grep -q "listening on" "$work/$name.log" || { echo "the relay ($name) did not start:" >&2; cat "$work/$name.log" >&2; exit 1; }
}

# One redis-server node in $work/NAME on a free loopback port, with an append-only file synced every second (the
# durable setup the Redis store is documented with); extra arguments go to redis-server. Sets redis_port, redis_pid.
start_redis() { # name [redis-server options...]
    command -v redis-server >/dev/null || { echo "redis-server is not installed; ./test.sh installs it" >&2; exit 1; }
    local name=$1; shift
    redis_port=${REDIS_PORT:-$(free_port)}
    mkdir -p "$work/$name"
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/$name" --save '' --appendonly yes \
        --appendfsync everysec --logfile "$work/$name/redis.log" "$@" &
    redis_pid=$!
    pids+=("$redis_pid")
    for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && return; sleep 0.1; done
    echo "redis-server ($name) did not start:" >&2; cat "$work/$name/redis.log" >&2; exit 1
}

# A Redis Cluster of COUNT primaries and no replicas (default 3). Sets cluster_nodes (host:port,host:port,...)
# and cluster_pids.
start_redis_cluster() { # [count]
    local count=${1:-3} addresses=() i
    cluster_pids=()
    for i in $(seq 1 "$count"); do
        REDIS_PORT=$(free_cluster_port) start_redis "cluster$i" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000
        addresses+=("127.0.0.1:$redis_port"); cluster_pids+=("$redis_pid")
    done
    redis-cli --cluster create "${addresses[@]}" --cluster-replicas 0 --cluster-yes >"$work/cluster-create.log" 2>&1 ||
        { echo "redis-cli --cluster create failed:" >&2; cat "$work/cluster-create.log" >&2; exit 1; }
    for _ in $(seq 1 100); do
        redis-cli -p "$redis_port" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.1
    done
    redis-cli -p "$redis_port" cluster info | grep -q 'cluster_state:ok' || { echo "the Redis Cluster is not ok" >&2; exit 1; }
    cluster_nodes=$(IFS=,; echo "${addresses[*]}")
}

# CPU time (user + system) of a process so far, in microseconds.
cpu_us() { awk -v tck="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000000 / tck }' "/proc/$1/stat"; }

# The summed CPU time of several processes so far, in microseconds (whole microseconds).
cpu_us_sum() { local total=0 p c; for p in "$@"; do c=$(cpu_us "$p"); total=$((total + ${c%.*})); done; echo "$total"; }

# nginx's worker processes (their CPU is what serving costs nginx; the master only supervises).
nginx_workers() { pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' '; }

# Runs one wrk pass: one connection per thread, so each connection runs its own exchanges in sequence.
# WRK_OPTS adds wrk options (e.g. --latency).
run_wrk() { # script url seconds connections
    # shellcheck disable=SC2086
    wrk -t"$4" -c"$4" -d"$3"s --timeout 10s ${WRK_OPTS:-} -s "bench/wrk/$1" "$2"
}

field() { echo "$1" | grep -o "$2=[0-9.]*" | tail -1 | cut -d= -f2; }
