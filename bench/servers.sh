# Shared by the wrk drivers (sourced): starts a stock nginx WebDAV folder and the built `tigress relay` on its
# SQLite store, both on loopback in the temporary folder $work, and stops both on exit.
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is not installed; ./test.sh installs nginx-light" >&2; exit 1; }

work=$(mktemp -d)
relay_pid=
trap 'kill $(cat "$work"/nginx.pid 2>/dev/null) $relay_pid 2>/dev/null || true; rm -rf "$work"' EXIT
export WRK_SCRIPTS="$PWD/bench/wrk"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_nginx() {
    nginx_port=$(free_port)
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
    nginx_version=$(nginx -v 2>&1 | sed 's/.*nginx\///')
}

# The relay as `tigress relay` runs it (JIT, Release), limits that would refuse a load test turned off.
start_relay() {
    [ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -v q -nologo src/Tigress.Cli >/dev/null
    relay_port=$(free_port)
    dotnet src/Tigress.Cli/bin/Release/net10.0/tigress.dll relay --urls "http://127.0.0.1:$relay_port" \
        --data "$work/relay" --no-rate-limit --max-connections-per-client 0 >"$work/relay.log" 2>&1 &
    relay_pid=$!
    for _ in $(seq 1 200); do grep -q "listening on" "$work/relay.log" && break; sleep 0.1; done
    grep -q "listening on" "$work/relay.log" || { echo "the relay did not start:" >&2; cat "$work/relay.log" >&2; exit 1; }
}

# CPU time (user + system) of a process so far, in microseconds.
cpu_us() { awk -v tck="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000000 / tck }' "/proc/$1/stat"; }

# Runs one wrk pass: one connection per thread, so each connection runs its own exchanges in sequence.
run_wrk() { # script url seconds connections
    wrk -t"$4" -c"$4" -d"$3"s --timeout 10s -s "bench/wrk/$1" "$2"
}

field() { echo "$1" | grep -o "$2=[0-9.]*" | tail -1 | cut -d= -f2; }
