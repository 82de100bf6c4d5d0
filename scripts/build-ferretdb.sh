#!/usr/bin/env bash
# Builds the FerretDB test server (tests/servers/ferretdb) into a folder outside the clone, so CI's
# Go caches make later builds take seconds. Prints the binary's path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin_dir="${MEDALLION_TOOLS_DIR:-$HOME/.cache/medallion/bin}"
mkdir -p "$bin_dir"
(cd "$root/tests/servers/ferretdb" && go build -o "$bin_dir/ferretdb" .)
echo "$bin_dir/ferretdb"
