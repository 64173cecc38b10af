#!/bin/sh
# Training run of the image's AppCDS archive: docker/cds-training.sh <archive> <jar>. Starts the jar in local mode (free
# ports, a data dir of its own), waits until it has started, stops it; the JVM writes the classes it loaded as it exits.
# The archive then serves only that jar at that path on that JVM (-XX:SharedArchiveFile; the JVM ignores a stale one).
# Its temp dir (Camel's spool dir, caches) is its own and removed with it: none is left in /tmp for the app to trip on.
set -eu
archive=$1
jar=$2
data=$(mktemp -d)
mkdir "$data/tmp"
CHAIN_LOCAL_DATA_DIR="$data/data" java -XX:ArchiveClassesAtExit="$archive" -Djava.io.tmpdir="$data/tmp" -Dcamel.server.port=0 -Dcamel.management.port=-1 \
    -Dchain.local.s3-port=0 -Dchain.local.sqs-port=0 -jar "$jar" > "$data/out.log" 2>&1 &
pid=$!
waited=0
until grep -q "Bound ports:" "$data/out.log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
        cat "$data/out.log"
        kill "$pid" 2>/dev/null || true
        exit 1
    fi
    waited=$((waited + 1))
    sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
rm -rf "$data"
test -s "$archive"
