#!/usr/bin/env bash
# A real schema registry (Apicurio Registry 2.4.2, in-memory storage) on loopback, run from the
# Quarkus app that the deploy/registry module builds from Maven Central.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy/registry-local.sh [run|start|stop|status|build] [options]

Commands:
  run     run the registry in the foreground (Ctrl-C stops it); the default
  start   start it in the background, wait until its API answers
  stop    stop a registry started with 'start' (SIGTERM, then SIGKILL after 30 s)
  status  say whether it is running; exit 0 if so, 3 if not
  build   (re)build deploy/registry/target/quarkus-app; run/start build it when it is missing

Options (each also settable by environment variable):
  --port N        HTTP port on 127.0.0.1            REGISTRY_PORT (8081)
  --state-dir DIR pid and log files                 REGISTRY_STATE_DIR (<checkout>/.acp/registry-<port>)
  -h, --help      this text

Other environment: JAVA (java on PATH), REGISTRY_JAVA_OPTS (-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC).

Storage is in memory: everything registered is gone when the registry stops.
Clients use schema.registry.url=http://127.0.0.1:<port>/apis/ccompat/v7 (the Confluent-compatible API).
USAGE
}

die() { echo "registry-local: $*" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$root/deploy/registry/target/quarkus-app"
command="run"
port="${REGISTRY_PORT:-8081}"
state_dir="${REGISTRY_STATE_DIR:-}"

if [[ $# -gt 0 && "$1" != -* ]]; then command="$1"; shift; fi
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; port="$2"; shift 2 ;;
    --state-dir) [[ $# -ge 2 ]] || die "--state-dir needs a value"; state_dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$command" in run|start|stop|status|build) ;; *) usage >&2; die "unknown command: $command" ;; esac
[[ "$port" =~ ^[0-9]+$ ]] && (( port >= 1 && port <= 65535 )) || die "--port must be 1-65535, got '$port'"
state_dir="${state_dir:-$root/.acp/registry-$port}"
pid_file="$state_dir/registry.pid"
log_file="$state_dir/registry.log"
url="http://127.0.0.1:$port/apis/ccompat/v7"

build() {
  echo "registry-local: building $app (first time: downloads ~150 MB into ~/.m2)" >&2
  # The module skips Quarkus augmentation while quarkus-app exists, so remove it to force a fresh build.
  rm -rf "$app"
  (cd "$root" && mvn -B -q -pl deploy/registry package) >&2 || die "building deploy/registry failed"
  [[ -f "$app/quarkus-run.jar" ]] || die "the build did not produce $app/quarkus-run.jar"
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid; pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2> /dev/null && echo "$pid"
}

accepts_connections() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

answers() {
  command -v curl > /dev/null || die "curl is needed to check the registry's API"
  curl -fsS -o /dev/null --max-time 5 "$url/subjects" 2> /dev/null
}

prepare() {
  if pid="$(running_pid)"; then die "a registry already runs on port $port (pid $pid); stop it first"; fi
  accepts_connections "$port" && die "127.0.0.1:$port is already in use"
  [[ -f "$app/quarkus-run.jar" ]] || build
  mkdir -p "$state_dir"
  # shellcheck disable=SC2206 # REGISTRY_JAVA_OPTS is a list of JVM options.
  registry=("${JAVA:-java}" ${REGISTRY_JAVA_OPTS:--Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
    # The app sets port and pool sizes under its prod profile, so they are overridden there.
    "-D%prod.quarkus.http.port=$port" "-Dquarkus.http.host=127.0.0.1"
    "-D%prod.quarkus.datasource.jdbc.initial-size=1" "-D%prod.quarkus.datasource.jdbc.min-size=1"
    -jar "$app/quarkus-run.jar")
}

case "$command" in
  build)
    build
    ;;
  run)
    prepare
    echo "registry-local: schema.registry.url=$url" >&2
    exec "${registry[@]}"
    ;;
  start)
    prepare
    nohup "${registry[@]}" >> "$log_file" 2>&1 < /dev/null &
    echo $! > "$pid_file"
    for _ in $(seq 1 1800); do
      if answers; then
        echo "registry-local: up (pid $(cat "$pid_file"), log $log_file); schema.registry.url=$url"
        exit 0
      fi
      running_pid > /dev/null || { tail -n 40 "$log_file" >&2; die "the registry exited during start; log $log_file"; }
      sleep 0.1
    done
    tail -n 40 "$log_file" >&2
    die "the registry did not answer at $url within 180 s; it is still running (pid $(cat "$pid_file"))"
    ;;
  stop)
    pid="$(running_pid)" || { echo "registry-local: no registry running on port $port"; rm -f "$pid_file"; exit 0; }
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2> /dev/null || { rm -f "$pid_file"; echo "registry-local: stopped (pid $pid)"; exit 0; }
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
    rm -f "$pid_file"
    echo "registry-local: killed (pid $pid) after 30 s without a clean shutdown"
    ;;
  status)
    if pid="$(running_pid)"; then
      if answers; then state="answering"; else state="not answering yet"; fi
      echo "registry-local: running (pid $pid), $state at $url"
      exit 0
    fi
    echo "registry-local: not running on port $port"
    exit 3
    ;;
esac
