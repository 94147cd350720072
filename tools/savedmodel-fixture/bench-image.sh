#!/usr/bin/env bash
# Image backbone benchmark: decoding, affect, tf:PATH through DJL, and DJL's overhead against TF Java's own run of
# the same SavedModel (each side in a fresh JVM, interleaved, ROUNDS times, so machine load hits both alike).
# Usage: tools/savedmodel-fixture/bench-image.sh [SECONDS] [ROUNDS]   (after: mvn -B -q -pl cli -am package -DskipTests)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECS="${1:-5}"
ROUNDS="${2:-3}"
FIXTURE="$ROOT/tools/savedmodel-fixture/target"
FIXTURE_CP="$FIXTURE/classes:$(cat "$FIXTURE/fixture-classpath.txt")"
APP_CP="$ROOT/core/target/classes:$(cat "$ROOT/cli/target/classpath.txt")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
MODEL="$WORK/inception-shaped"
export TF_CPP_MIN_LOG_LEVEL=1
APP=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$APP_CP" dev.acpstream.core.image.ImageBenchmark)
TFJ=(java -cp "$FIXTURE_CP" dev.acpstream.tools.savedmodel.SavedModelFixture)
"${TFJ[@]}" build "$MODEL" 42 2>/dev/null
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"${APP[@]}" "$ROOT/samples/images" "$SECS" "$MODEL"
echo "# DJL vs TF Java, bare session run, fresh JVM each, $ROUNDS rounds"
for round in $(seq "$ROUNDS"); do
  for config in "1 1" "1 2" "16 1" "16 2"; do
    set -- $config
    "${APP[@]}" "$ROOT/samples/images" "$SECS" "$MODEL" bare "$1" "$2" 2>/dev/null | grep 'session run'
    "${TFJ[@]}" bench "$MODEL" "$1" "$2" "$SECS" 2>/dev/null
  done
done
