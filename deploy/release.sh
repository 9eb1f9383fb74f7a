#!/usr/bin/env bash
# Builds the release artifacts into OUTDIR and writes OUTDIR/SHA256SUMS:
#   packages/*.nupkg, *.snupkg     every library and the `tigress` tool (dotnet pack Tigress.sln)
#   tigress-VERSION-RID.tar.gz     the Native AOT `tigress`, one file (SQLite linked in), with LICENSE and README.md
# Usage: deploy/release.sh VERSION OUTDIR
#   RUNTIMES="linux-x64 linux-arm64"  the runtimes to publish (default: linux-x64; linux-arm64 needs Debian's
#                                     cross toolchain, see docs/install.md)
#   PACKAGES=0                        leave out the NuGet packages
# Needs the .NET SDK, clang, zlib1g-dev and npm (docs/install.md).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: deploy/release.sh VERSION OUTDIR" >&2
  exit 2
fi
version=$1
out=$2
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "release.sh: '$version' is not a version like 1.2.0 or 1.2.0-rc.1" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

RUNTIMES=${RUNTIMES:-linux-x64}

# The commit goes into every artifact (`tigress --version`); Source Link reads it from the checkout.
common=(-c Release -nologo -p:Version="$version" -p:ContinuousIntegrationBuild=true)

if [ "${PACKAGES:-1}" != 0 ]; then
  echo "release.sh: packing the solution" >&2
  dotnet pack "$root/Tigress.sln" "${common[@]}" -o "$out/packages" >&2
fi

for rid in $RUNTIMES; do
  echo "release.sh: publishing tigress for $rid (Native AOT)" >&2
  dotnet publish "$root/src/Tigress.Cli/Tigress.Cli.csproj" "${common[@]}" -r "$rid" -p:PublishAot=true -o "$work/$rid" >&2
  # One file to copy: the binary, and the symbols stripped out of it; anything else would be needed beside it.
  extra=$(cd "$work/$rid" && ls -A | grep -vx -e tigress -e tigress.dbg || true)
  if [ -n "$extra" ]; then
    echo "release.sh: the $rid publish folder holds more than the binary: $extra" >&2
    exit 1
  fi
  stage="$work/tigress-$version-$rid"
  mkdir -p "$stage"
  install -m 0755 "$work/$rid/tigress" "$stage/tigress"
  install -m 0644 "$root/LICENSE" "$root/README.md" "$stage/"
  # Reproducible archives: fixed owner, order and times.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf - "tigress-$version-$rid" \
    | gzip -n -9 > "$out/tigress-$version-$rid.tar.gz"
  # The stripped symbols, for reading a crash dump; not needed to run.
  if [ -f "$work/$rid/tigress.dbg" ]; then
    tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/$rid" -cf - tigress.dbg | gzip -n -9 > "$out/tigress-$version-$rid.dbg.tar.gz"
  fi
done

(
  cd "$out"
  find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS
)
echo "release.sh: artifacts and SHA256SUMS in $out" >&2
