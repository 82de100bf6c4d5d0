#!/usr/bin/env bash
# Sets up the container engine the stack tests talk to: Podman (Debian's packages) serving the Docker API on
# a unix socket, plus a local image registry binary for the pull tests (no public registry is reachable
# here). Idempotent: installs only what is missing, writes containers.conf only when there is none, starts
# the API service only when its socket does not answer. Needs root for apt. Prints the socket's path.
set -euo pipefail
socket="${MEDALLION_PODMAN_SOCKET:-/tmp/podman.sock}"
bin_dir="${MEDALLION_TOOLS_DIR:-$HOME/.cache/medallion/bin}"
registry_version="v3.1.2"

missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
# A static busybox is the whole userland of the test images (tests/helpers/test-images.ts).
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || missing+=(busybox-static)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# Inside a CI container there is no systemd: cgroups are managed directly and runc is the runtime. The
# nofile/nproc limits keep containers from inheriting the container's own (huge) limits.
conf=/etc/containers/containers.conf
if [ ! -f "$conf" ]; then
  mkdir -p "$(dirname "$conf")"
  cat >"$conf" <<'EOF'
[containers]
default_ulimits=["nofile=1024:1024","nproc=1024:1024"]

[engine]
runtime="runc"
cgroup_manager="cgroupfs"

[engine.runtimes]
runc=["/usr/sbin/runc"]
EOF
  echo "wrote $conf" >&2
fi

answers() { curl -sf --max-time 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }
# The service's containers inherit its working folder: one started from a clone that was deleted since
# answers pings but fails every container start ("write child: broken pipe"). Such a service is replaced.
service_pid=$(pgrep -f "podman system service --time=0 unix://$socket" | head -n 1 || true)
if [ -n "$service_pid" ] && readlink "/proc/$service_pid/cwd" | grep -q ' (deleted)$'; then
  kill "$service_pid" 2>/dev/null || true
  sleep 1
fi
if ! answers; then
  # A socket file left by a dead service would make the new one fail to bind.
  rm -f "$socket"
  # Started from /, which no clean-up removes. The whole background subshell writes to the log: one that
  # kept this script's stdout would hold `$(setup-podman.sh)` in .ci/run open for as long as it runs.
  (cd / && exec nohup podman system service --time=0 "unix://$socket") </dev/null >/tmp/podman-service.log 2>&1 &
  for _ in $(seq 1 50); do
    answers && break
    sleep 0.2
  done
  answers || {
    echo "podman system service did not answer on $socket; see /tmp/podman-service.log" >&2
    exit 1
  }
fi

# The distribution registry, for the image pull tests (built once; later runs reuse Go's caches).
if [ ! -x "$bin_dir/registry" ]; then
  mkdir -p "$bin_dir"
  GOBIN="$bin_dir" go install "github.com/distribution/distribution/v3/cmd/registry@$registry_version" >&2
fi

echo "$socket"
