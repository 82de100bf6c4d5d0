#!/usr/bin/env bash
# Builds the MinIO test server (a pinned version, from the Go module proxy) into a folder outside the
# clone, so CI's Go caches (~/go, ~/.cache/go-build) are reused. Skips the build when the binary is
# there already (a cold build takes minutes). Prints the binary's path.
set -euo pipefail
# A pseudo-version: MinIO publishes no semver module tags, so pin the commit.
version="v0.0.0-20260212201848-7aac2a2c5b7c"
bin_dir="${MEDALLION_TOOLS_DIR:-$HOME/.cache/medallion/bin}"
mkdir -p "$bin_dir"
if [ ! -x "$bin_dir/minio" ]; then
  # Progress goes to stderr so stdout stays the path alone.
  GOBIN="$bin_dir" go install "github.com/minio/minio@$version" >&2
fi
echo "$bin_dir/minio"
