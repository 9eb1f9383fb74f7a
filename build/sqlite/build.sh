#!/usr/bin/env bash
# Builds SQLite as a static library for the Native AOT `tigress`, which links it in (one file to copy).
# Usage: build/sqlite/build.sh RID OUTPUT        RID: linux-x64 or linux-arm64; OUTPUT: the .a file to write
#
# The source is SQLite's amalgamation (public domain), version 3.53.2, as the npm package better-sqlite3 12.11.1
# ships it: the npm registry is one this project already uses, and Debian's libsqlite3-dev (3.40) is older than
# the relay's schema needs (group_concat ... ORDER BY, SQLite 3.44). The package and the source are checked against
# pinned SHA-256 sums before use. Needs npm, clang and ar; linux-arm64 also needs Debian's libc6-dev-arm64-cross.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: build/sqlite/build.sh RID OUTPUT" >&2
  exit 2
fi
rid=$1
output=$2
case $rid in
  linux-x64) target=x86_64-linux-gnu ;;
  linux-arm64) target=aarch64-linux-gnu ;;
  *) echo "build/sqlite/build.sh: no static SQLite build for $rid (linux-x64 and linux-arm64 only)" >&2; exit 1 ;;
esac

# Built once per output folder; a change to this script builds it again.
if [ -f "$output" ] && [ "$output" -nt "$0" ]; then
  exit 0
fi

package=better-sqlite3-12.11.1.tgz
package_sha256=ebf0ed75a7a59dbcb3b24bbd014ef49d9f15bc328e4adcbf516f2a8fadfa2835
source_sha256=60d2f39a3726cd6b9021da6f4e868608d66fbb6528a9f513dc8ffcc640493422

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack better-sqlite3@12.11.1 --silent >/dev/null)
echo "$package_sha256  $work/$package" | sha256sum -c --quiet
tar -xzf "$work/$package" -C "$work" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
echo "$source_sha256  $work/package/deps/sqlite3/sqlite3.c" | sha256sum -c --quiet

# The options of SQLitePCLRaw's e_sqlite3 that Microsoft.Data.Sqlite relies on (column metadata for its schema
# tables), and thread safety as the relay uses it: one connection per thread at a time.
clang --target="$target" -O2 -fPIC -fvisibility=default -w -c "$work/package/deps/sqlite3/sqlite3.c" -o "$work/sqlite3.o" \
  -DSQLITE_THREADSAFE=1 -DSQLITE_DQS=0 -DHAVE_USLEEP=1 -DSQLITE_DEFAULT_FOREIGN_KEYS=1 \
  -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS4 \
  -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_SNAPSHOT \
  -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB
mkdir -p "$(dirname "$output")"
rm -f "$output.partial"
ar rcs "$output.partial" "$work/sqlite3.o"
mv "$output.partial" "$output"
