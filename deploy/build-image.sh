#!/usr/bin/env bash
# Builds the relay's container image from this checkout, pulling nothing: publishes the Native AOT `tigress`,
# assembles a root filesystem from it and the host's copies of the libraries it loads (the C library, and
# OpenSSL's, which .NET loads at run time), then runs `podman build --pull=never` on deploy/Containerfile.
# Usage (from anywhere): deploy/build-image.sh IMAGE        e.g. deploy/build-image.sh localhost/tigress-relay:1.0.0
#   TIGRESS_BINARY=PATH   use this already published linux binary instead of publishing one
#   PODMAN="podman ..."   the podman command with any global flags it needs on this machine
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: deploy/build-image.sh IMAGE" >&2
  exit 2
fi
image=$1
root=$(cd "$(dirname "$0")/.." && pwd)
read -ra podman <<< "${PODMAN:-podman}"
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

binary=${TIGRESS_BINARY:-}
if [ -z "$binary" ]; then
  rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
  echo "build-image.sh: publishing tigress for $rid (Native AOT)" >&2
  dotnet publish "$root/src/Tigress.Cli/Tigress.Cli.csproj" -c Release -r "$rid" -p:PublishAot=true -nologo -o "$context/publish" >&2
  binary=$context/publish/tigress
fi

rootfs=$context/rootfs
install -D -m 0755 "$binary" "$rootfs/usr/local/bin/tigress"

# The libraries the binary links (ldd), and OpenSSL's, which .NET's cryptography loads with dlopen.
libraries=$(ldd "$binary" | awk '/=>/ { print $3 } /^\t\// { print $1 }')
for name in libssl.so.3 libcrypto.so.3; do
  # awk reads the whole list (no early exit), so ldconfig never dies of a closed pipe under pipefail.
  path=$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64|AArch64|aarch64/ && !found { print $NF; found = 1 }')
  if [ -z "$path" ]; then
    echo "build-image.sh: $name is missing on this machine (Debian: apt-get install libssl3)" >&2
    exit 1
  fi
  libraries="$libraries $path"
done
for library in $libraries; do
  # Keep the path the loader looks in, and copy the file behind any symbolic link.
  install -D -m 0755 "$(readlink -f "$library")" "$rootfs$library"
done

# A user to run as, a /tmp, and the data folder (owned by the user in the image, see the Containerfile).
install -d -m 0755 "$rootfs/etc"
printf 'root:x:0:0:root:/:/nonexistent\ntigress:x:10001:10001:tigress relay:/data:/nonexistent\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\ntigress:x:10001:\n' > "$rootfs/etc/group"
install -d -m 1777 "$rootfs/tmp"
install -d -m 0700 "$context/data"

"${podman[@]}" build --pull=never -f "$root/deploy/Containerfile" -t "$image" "$context"
