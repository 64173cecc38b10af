#!/usr/bin/env bash
# The Docker engine and the base images docker/Dockerfile needs, made from Debian's packages where no image registry is
# reachable: bash docker/base-images.sh. Installs docker.io, docker-compose and debootstrap when missing, starts dockerd when
# it does not answer, and makes the two base images with debootstrap unless `docker image inspect` finds them already:
#   sqs-extended-chain/base-jre:bookworm    runtime: openjdk-17-jre-headless, curl, ca-certificates (BASE_IMAGE)
#   sqs-extended-chain/base-build:bookworm  build: plus openjdk-17-jdk-headless and maven, and this machine's CA bundle
#                                           (its registries are reached through the machine's own CA) (BUILD_IMAGE)
# With the argument `moto`, a third, for the tests' aws mode against moto (docker/compose.moto.yaml):
#   sqs-extended-chain/moto:bookworm        minbase, the shared libraries Python's modules link, and the moto of this
#                                           machine's interpreter (MOTO_PYTHON, python3 by default) copied to /opt/python:
#                                           its standard library and the distributions moto[server] requires, nothing else
#                                           (no registry serves moto here; remove the image to remake it after an upgrade)
# Prints the build arguments that select them on its last line; exits non-zero, with one line why, when any step fails.
set -euo pipefail

runtime_image=sqs-extended-chain/base-jre:bookworm
build_image=sqs-extended-chain/base-build:bookworm
moto_image=sqs-extended-chain/moto:bookworm
moto_python=${MOTO_PYTHON:-python3}
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
sudo=$([ "$(id -u)" = 0 ] || echo "sudo -n")

fail() { echo "docker/base-images.sh: $*" >&2; exit 1; }

if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null || ! command -v debootstrap >/dev/null; then
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq docker.io docker-compose debootstrap; } >/dev/null 2>&1 \
    || fail "apt-get install docker.io docker-compose debootstrap failed"
fi

if ! docker info >/dev/null 2>&1; then
  # the daemon outlives this script (CI's later steps use it); its log beside the others in /tmp
  $sudo sh -c 'nohup dockerd > /tmp/dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 60 s (log: /tmp/dockerd.log)"
fi

# copy_ca ROOT: this machine's bundles where it has them (its own CA among them); Debian's own otherwise
copy_ca() {
  for bundle in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts; do
    if [ -f "$bundle" ]; then
      $sudo cp "$bundle" "$1$bundle"
    fi
  done
}

# copy_python ROOT: moto's interpreter as /opt/python (python3 on the PATH), its libpython found through ld.so.conf
copy_python() {
  local prefix executable
  prefix=$("$moto_python" -c 'import sys; print(sys.prefix)') \
    && executable=$("$moto_python" -c 'import os, sys; print(os.path.relpath(os.path.realpath(sys.executable), sys.prefix))') \
    && $sudo mkdir -p "$1/opt/python" \
    && "$moto_python" docker/moto/python-files.py | (cd "$prefix" && tar -c -T -) | $sudo tar -C "$1/opt/python" -x \
    && echo /opt/python/lib | $sudo tee "$1/etc/ld.so.conf.d/python.conf" >/dev/null \
    && $sudo chroot "$1" ldconfig \
    && $sudo ln -s "/opt/python/$executable" "$1/usr/local/bin/python3"
}

# base_image NAME PACKAGES [FILL]: debootstrap's minbase with PACKAGES, then FILL (copy_ca, copy_python) run on its root,
# imported as NAME
base_image() {
  local name=$1 packages=$2 fill=${3:-}
  if docker image inspect "$name" >/dev/null 2>&1; then
    return
  fi
  local root
  root=$(mktemp -d /tmp/base-image.XXXXXX)
  $sudo debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$root.log" 2>&1 \
    || fail "debootstrap of $name failed (log: $root.log)"
  if [ -n "$fill" ]; then
    "$fill" "$root" || fail "$fill for $name failed"
  fi
  $sudo rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  $sudo tar -C "$root" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$name" >/dev/null \
    || fail "docker import of $name failed"
  $sudo rm -rf "$root" "$root.log"
}

if [ "${1:-}" = moto ] && ! docker image inspect "$moto_image" >/dev/null 2>&1 && ! "$moto_python" -c 'import moto.server' 2>/dev/null; then
  # checked before any debootstrap: a made image needs no moto on the machine
  fail "$moto_python cannot import moto.server (pip install 'moto[server]', or MOTO_PYTHON=<an interpreter that can>)"
fi
# side by side: each is mostly downloads and unpacking, about half the time of one after the other
base_image "$runtime_image" openjdk-17-jre-headless,curl,ca-certificates & runtime=$!
base_image "$build_image" openjdk-17-jdk-headless,maven,curl,ca-certificates copy_ca & build=$!
if [ "${1:-}" = moto ]; then
  # the libraries the interpreter's modules and moto's dependencies link (ssl, ctypes, sqlite3, uuid, readline, compression)
  base_image "$moto_image" libssl3,libffi8,libsqlite3-0,libexpat1,libuuid1,libreadline8,libncursesw6,libbz2-1.0,liblzma5,zlib1g copy_python
fi
wait "$runtime" || exit 1
wait "$build" || exit 1
echo "--build-arg BASE_IMAGE=$runtime_image --build-arg BUILD_IMAGE=$build_image"
