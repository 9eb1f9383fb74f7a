#!/usr/bin/env bash
# Kept for older instructions: the comparison now runs on wrk in bench/dropbox-cycle.sh.
exec "$(dirname "$0")/dropbox-cycle.sh" "$@"
