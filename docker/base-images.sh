#!/usr/bin/env bash
# The Docker engine and the base images docker/Dockerfile needs, made from Debian's packages where no image registry is
# reachable: bash docker/base-images.sh. Installs docker.io, docker-compose and debootstrap when missing, starts dockerd when
# it does not answer, and makes the two base images with debootstrap unless `docker image inspect` finds them already:
#   sqs-extended-chain/base-jre:bookworm    runtime: openjdk-17-jre-headless, curl, ca-certificates (BASE_IMAGE)
#   sqs-extended-chain/base-build:bookworm  build: plus openjdk-17-jdk-headless and maven, and this machine's CA bundle
#                                           (its registries are reached through the machine's own CA) (BUILD_IMAGE)
# Prints the build arguments that select them on its last line; exits non-zero, with one line why, when any step fails.
set -euo pipefail

runtime_image=sqs-extended-chain/base-jre:bookworm
build_image=sqs-extended-chain/base-build:bookworm
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

# base_image NAME PACKAGES [CA]: debootstrap's minbase with PACKAGES, imported as NAME; CA copies this machine's CA bundle in
base_image() {
  local name=$1 packages=$2 ca=${3:-}
  if docker image inspect "$name" >/dev/null 2>&1; then
    return
  fi
  local root
  root=$(mktemp -d /tmp/base-image.XXXXXX)
  $sudo debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$root.log" 2>&1 \
    || fail "debootstrap of $name failed (log: $root.log)"
  if [ -n "$ca" ]; then
    # this machine's bundles where it has them (its own CA among them); Debian's own otherwise
    for bundle in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts; do
      if [ -f "$bundle" ]; then
        $sudo cp "$bundle" "$root$bundle"
      fi
    done
  fi
  $sudo rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  $sudo tar -C "$root" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$name" >/dev/null \
    || fail "docker import of $name failed"
  $sudo rm -rf "$root" "$root.log"
}

# side by side: each is mostly downloads and unpacking, about half the time of one after the other
base_image "$runtime_image" openjdk-17-jre-headless,curl,ca-certificates & runtime=$!
base_image "$build_image" openjdk-17-jdk-headless,maven,curl,ca-certificates ca & build=$!
wait "$runtime" || exit 1
wait "$build" || exit 1
echo "--build-arg BASE_IMAGE=$runtime_image --build-arg BUILD_IMAGE=$build_image"
