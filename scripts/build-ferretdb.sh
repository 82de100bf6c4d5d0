#!/usr/bin/env bash
# Builds the FerretDB test server (a MongoDB wire-protocol server on SQLite) into a folder outside the
# clone, from the Go module proxy, so CI's Go caches make later builds take seconds. Prints its path.
# `go install .../cmd/ferretdb` builds a binary that panics at start: the module lacks the version file
# its release process generates. So the module is copied aside and that one file written before building.
set -euo pipefail
version="v1.24.2"
bin_dir="${MEDALLION_TOOLS_DIR:-$HOME/.cache/medallion/bin}"
bin="$bin_dir/ferretdb"
mkdir -p "$bin_dir"
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version: $version"; then
  echo "$bin"
  exit 0
fi
module="$(cd /tmp && go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$module" "$work/src"
chmod -R u+w "$work/src"
echo "$version" > "$work/src/build/version/version.txt"
(cd "$work/src" && go build -o "$bin" ./cmd/ferretdb) >&2
echo "$bin"
