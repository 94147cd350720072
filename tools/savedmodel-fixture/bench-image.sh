#!/usr/bin/env bash
# Image backbone benchmark: decoding, affect, tf:PATH through DJL, and TF Java's own run of the same SavedModel.
# Usage: tools/savedmodel-fixture/bench-image.sh [SECONDS]   (after: mvn -B -q -pl cli -am package -DskipTests)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER_RUN="${1:-5}"
FIXTURE="$ROOT/tools/savedmodel-fixture/target"
FIXTURE_CP="$FIXTURE/classes:$(cat "$FIXTURE/fixture-classpath.txt")"
APP_CP="$ROOT/core/target/classes:$(cat "$ROOT/cli/target/classpath.txt")"
MODEL="$(mktemp -d)/inception-shaped"
trap 'rm -rf "$(dirname "$MODEL")"' EXIT
java -cp "$FIXTURE_CP" dev.acpstream.tools.savedmodel.SavedModelFixture build "$MODEL" 42 2>/dev/null
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$APP_CP" dev.acpstream.core.image.ImageBenchmark \
  "$ROOT/samples/images" "$SECONDS_PER_RUN" "$MODEL"
for batch in 1 16; do
  for threads in 1 2; do
    java -cp "$FIXTURE_CP" dev.acpstream.tools.savedmodel.SavedModelFixture bench "$MODEL" "$batch" "$threads" \
      "$SECONDS_PER_RUN" 2>/dev/null
  done
done
