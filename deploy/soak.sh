#!/usr/bin/env bash
# The multi-instance kill drill, repeated: a real broker process, two topology instances as
# separate JVMs, the sample songs streamed live, one instance killed with SIGKILL mid-stream and
# restarted on its state directory; every segment must come out exactly once (read_committed).
# Prints one line per run and a summary; exit 1 when any run lost, duplicated or dead-lettered.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy/soak.sh [RUNS] [--set KEY=VALUE]...

  RUNS            how many drills (default 10); each takes about a minute on 2 cores
  --set KEY=VALUE a setting for the topology instances (written to their ACP_CONFIG_FILE, so it wins
                  over the drill's environment); for negative controls, e.g.
                  --set acp.audio.idle.timeout.ms=1000   tracks closed while their owner restarts: lost segments
                  --set processing.guarantee=at_least_once   no transactions (see docs/soak.md)
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --set) [[ $# -ge 2 && "$2" == *=* ]] || { echo "soak: --set needs KEY=VALUE" >&2; exit 2; }
      args+=("$1" "$2"); shift 2 ;;
    [0-9]*) args+=("$1"); shift ;;
    *) usage >&2; echo "soak: unknown argument: $1" >&2; exit 2 ;;
  esac
done

cp_file="$root/deploy/runtime/target/soak-classpath.txt"
echo "soak: building deploy/runtime and its test classpath ..." >&2
# With -am every module writes its own target/soak-classpath.txt; deploy/runtime's is the one used.
(cd "$root" && mvn -B -q -pl deploy/runtime -am test-compile dependency:build-classpath -Dacp.no-registry \
  -Dmdep.outputFile=target/soak-classpath.txt -Dmdep.includeScope=test) >&2 \
  || { echo "soak: the build failed" >&2; exit 1; }

cd "$root/deploy/runtime"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dacp.project.dir="$root" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.acpstream.deploy.SoakMain "${args[@]+"${args[@]}"}"
