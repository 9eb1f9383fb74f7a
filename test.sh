#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test project, and ends with one line:
#   N passed, N failed[, N skipped]
# Exits non-zero when anything failed. CI (.ci/run) calls exactly this.
set -uo pipefail
cd "$(dirname "$0")"

# --- Servers and tools the integration tests use (Debian packages) -------------------------
# redis-server: the Redis store tests start their own servers and cluster on free loopback ports (they never
# use the system service the package may start on 6379). nginx-light: the dropbox interop tests start their own
# nginx (WebDAV) the same way. systemd: `systemd-analyze verify` checks deploy/tigress-relay.service. chromium: the
# browser tests drive it headless through puppeteer-core (no browser download from npm). zbar-tools: zbarimg
# decodes the QR code the CLI draws, rendered as a terminal shows it. firefox-esr: the browser tests also receive in
# Firefox (puppeteer-core over WebDriver BiDi, no browser download). webkit2gtk-driver and xvfb: and in WebKitGTK
# (WebKitWebDriver drives Debian's MiniBrowser on a virtual display, over plain WebDriver HTTP from node).
# clang and zlib1g-dev: the release tests publish the Native AOT `tigress` (deploy/release.sh), which also compiles
# SQLite with clang to link it in. podman, runc and slirp4netns: the container image test builds and runs the relay's
# image (deploy/build-image.sh) with its ports on loopback.
apt_packages=(redis-server nginx-light systemd chromium zbar-tools firefox-esr webkit2gtk-driver xvfb clang zlib1g-dev podman runc slirp4netns)
missing=()
for pkg in "${apt_packages[@]}"; do
  # With a second architecture enabled a bare name can be ambiguous: then ask for this machine's architecture.
  dpkg -s "$pkg" >/dev/null 2>&1 || dpkg -s "$pkg:$(dpkg --print-architecture)" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}" >&2; exit 1; }
fi

# The tests start their own nginx on a free loopback port with a generated configuration; the distribution's
# service is never used, so keep it from holding port 80.
if dpkg -s nginx-light >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  { $sudo_cmd service nginx stop; $sudo_cmd update-rc.d nginx disable; } >/dev/null 2>&1 || true
fi

# --- npm packages the tests use: http_ece, an independent RFC 8291 implementation ------------
# Web Push tests decrypt what the relay sent with it (tests/node/decrypt.js), run by node; the OPRF tests pair
# Tigress.Protocol with @cloudflare/voprf-ts (tests/node/oprf.mjs).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing nodejs and npm" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null \
    || { echo "test.sh: could not install nodejs and npm" >&2; exit 1; }
fi
if [ ! -f tests/node/node_modules/http_ece/package.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "test.sh: npm ci --prefix tests/node failed" >&2; exit 1; }
fi

# --- npm packages of the browser client (web/): @noble/curves, qrcode-generator, and for the tests esbuild, axe-core and
# puppeteer-core. Tigress.Browser.Tests runs web/'s node unit tests (counted in the totals below), the interop with
# the C# client and the pages in chromium.
if [ ! -f web/node_modules/puppeteer-core/package.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "test.sh: npm ci --prefix web failed" >&2; exit 1; }
fi

# --- Build once, then run every test project against that build ----------------------------
results=".test-run/results"
rm -rf .test-run && mkdir -p "$results"
if ! dotnet build Tigress.sln -c Release -v q -nologo; then
  echo "0 passed, 1 failed"
  echo "test.sh: the build failed (see above)" >&2
  exit 1
fi

status=0
for proj in tests/*.Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name" >&2
  dotnet test "$proj" -c Release --no-build -nologo -v q \
    --logger "trx;LogFileName=$PWD/$results/$name.trx" --logger "console;verbosity=minimal" || status=1
done

# --- One summary line from the TRX counters -------------------------------------------------
sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum passed); failed=$(sum failed); notrun=$(sum notExecuted)
passed=${passed:-0}; failed=${failed:-0}; notrun=${notrun:-0}
# A project that crashed writes no counters: count it as a failure rather than lose it.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "$notrun" -gt 0 ] && line="$line, $notrun skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
