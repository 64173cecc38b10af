#!/usr/bin/env bash
# Start-up of the image with and without its AppCDS archive: bench/docker-startup.sh [IMAGE] [RUNS].
# Per run, interleaved: `docker run` of the image in local mode as it is, then with JAVA_TOOL_OPTIONS less its
# -XX:SharedArchiveFile; ready = the `Bound ports:` line in `docker logs` (polled every 0.1 s), from just before `docker run`.
set -euo pipefail
image=${1:-sqs-extended-chain:test}
runs=${2:-3}
without_cds="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

ready_seconds() {
  local name=chain-startup-$$-$RANDOM started id
  started=$(date +%s.%N)
  id=$(docker run -d --name "$name" "$@" "$image")
  until docker logs "$id" 2>&1 | grep -q "Bound ports:"; do
    sleep 0.1
  done
  awk -v end="$(date +%s.%N)" -v start="$started" 'BEGIN { printf "%.1f\n", end - start }'
  docker rm -f -v "$id" >/dev/null
}

echo "run,with AppCDS (s),without (s)"
for run in $(seq 1 "$runs"); do
  with=$(ready_seconds)
  without=$(ready_seconds -e JAVA_TOOL_OPTIONS="$without_cds")
  echo "$run,$with,$without"
done
