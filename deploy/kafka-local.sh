#!/usr/bin/env bash
# A real single-node Kafka (KRaft, combined broker+controller) as an OS process on loopback, run from
# the kafka_2.13 jars that Maven resolves for this project's Kafka version (deploy/kafka/pom.xml).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy/kafka-local.sh [run|start|stop|status|classpath] [options]

Commands:
  run        run the broker in the foreground (Ctrl-C stops it); the default
  start      start it in the background, wait until it accepts connections
  stop       stop a broker started with 'start' (SIGTERM, then SIGKILL after 30 s)
  status     say whether it is running; exit 0 if so, 3 if not
  classpath  print the broker's classpath (resolving it with Maven if needed)

Options (each also settable by environment variable):
  --port N             client port on 127.0.0.1           KAFKA_PORT (9092)
  --controller-port N  KRaft controller port on 127.0.0.1 KAFKA_CONTROLLER_PORT (client port + 1)
  --data-dir DIR       config, logs, pid file and data     KAFKA_DATA_DIR (<checkout>/.acp/kafka-<port>)
  --set KEY=VALUE      extra broker setting (repeatable)
  -h, --help           this text

Other environment: JAVA (java on PATH), KAFKA_HEAP_OPTS (-Xmx512m),
KAFKA_CLASSPATH (use this classpath instead of asking Maven).

The storage is formatted once (data-dir/meta.properties marks it); delete the data dir to start empty.
Clients connect to 127.0.0.1:<port>. Topics are not auto-created: create them (bin/acp, the Admin API).
USAGE
}

die() { echo "kafka-local: $*" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="run"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-}"
data_dir="${KAFKA_DATA_DIR:-}"
extra=()

if [[ $# -gt 0 && "$1" != -* ]]; then command="$1"; shift; fi
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; port="$2"; shift 2 ;;
    --controller-port) [[ $# -ge 2 ]] || die "--controller-port needs a value"; controller_port="$2"; shift 2 ;;
    --data-dir) [[ $# -ge 2 ]] || die "--data-dir needs a value"; data_dir="$2"; shift 2 ;;
    --set) [[ $# -ge 2 && "$2" == *=* ]] || die "--set needs KEY=VALUE"; extra+=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$command" in run|start|stop|status|classpath) ;; *) usage >&2; die "unknown command: $command" ;; esac

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && (( "$1" >= 1 && "$1" <= 65535 )); }
valid_port "$port" || die "--port must be 1-65535, got '$port'"
controller_port="${controller_port:-$((port + 1))}"
valid_port "$controller_port" || die "--controller-port must be 1-65535, got '$controller_port'"
[[ "$port" != "$controller_port" ]] || die "client and controller ports must differ (both $port)"
data_dir="${data_dir:-$root/.acp/kafka-$port}"
java="${JAVA:-java}"
pid_file="$data_dir/broker.pid"
log_file="$data_dir/broker.log"

classpath() {
  if [[ -n "${KAFKA_CLASSPATH:-}" ]]; then echo "$KAFKA_CLASSPATH"; return; fi
  local cached="$root/.acp/kafka-classpath.txt" pom="$root/deploy/kafka/pom.xml"
  if [[ ! -s "$cached" || "$pom" -nt "$cached" || "$root/pom.xml" -nt "$cached" ]]; then
    mkdir -p "$root/.acp"
    # The parent's test-scoped JUnit is inherited by every pom; the broker has no use for it.
    mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cached" \
      -Dmdep.excludeScope=test -Dmdep.excludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
      >&2 || die "Maven could not resolve the broker's classpath from $pom"
  fi
  cat "$cached"
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid; pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2> /dev/null && echo "$pid"
}

accepts_connections() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

write_config() {
  mkdir -p "$data_dir/data"
  {
    echo "# Written by deploy/kafka-local.sh on every start; edit the script or pass --set instead."
    echo "process.roles=broker,controller"
    echo "node.id=1"
    # Static voters (not a formatted voter set) so the ports may change between runs.
    echo "controller.quorum.voters=1@127.0.0.1:$controller_port"
    echo "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port"
    echo "advertised.listeners=PLAINTEXT://127.0.0.1:$port"
    echo "controller.listener.names=CONTROLLER"
    echo "inter.broker.listener.name=PLAINTEXT"
    echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    echo "log.dirs=$data_dir/data"
    # One broker: every internal topic must live with one replica.
    echo "offsets.topic.replication.factor=1"
    echo "offsets.topic.num.partitions=4"
    echo "transaction.state.log.replication.factor=1"
    echo "transaction.state.log.min.isr=1"
    echo "transaction.state.log.num.partitions=4"
    echo "share.coordinator.state.topic.replication.factor=1"
    echo "share.coordinator.state.topic.min.isr=1"
    echo "group.initial.rebalance.delay.ms=0"
    echo "auto.create.topics.enable=false"
    echo "message.max.bytes=16777216"
    for kv in "${extra[@]+"${extra[@]}"}"; do echo "$kv"; done
  } > "$data_dir/server.properties"
}

format_once() {
  local cp="$1"
  [[ -f "$data_dir/data/meta.properties" ]] && return
  # A Kafka Uuid is 16 random bytes in unpadded URL-safe base64; made here to spare a JVM start.
  local cluster_id
  # Like Kafka's Uuid.randomUuid, never one starting with '-': the storage tool would read it as
  # an option ("argument --cluster-id/-t: expected one argument"; 1 start in 64 failed so).
  cluster_id="-"
  while [[ "$cluster_id" == -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  "$java" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$data_dir/server.properties" \
    >> "$log_file" 2>&1 || die "formatting $data_dir/data failed; see $log_file"
}

prepare() {
  if pid="$(running_pid)"; then die "a broker already runs from $data_dir (pid $pid); stop it first"; fi
  accepts_connections "$port" && die "127.0.0.1:$port is already in use"
  accepts_connections "$controller_port" && die "127.0.0.1:$controller_port is already in use"
  cp="$(classpath)"
  write_config
  format_once "$cp"
  # shellcheck disable=SC2206 # KAFKA_HEAP_OPTS is a list of JVM options.
  broker=("$java" ${KAFKA_HEAP_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=info
    -Dorg.slf4j.simpleLogger.showDateTime=true "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS"
    -cp "$cp" kafka.Kafka "$data_dir/server.properties")
}

case "$command" in
  classpath)
    classpath
    ;;
  run)
    prepare
    echo "kafka-local: broker on 127.0.0.1:$port (controller $controller_port), data in $data_dir" >&2
    exec "${broker[@]}"
    ;;
  start)
    prepare
    nohup "${broker[@]}" >> "$log_file" 2>&1 < /dev/null &
    echo $! > "$pid_file"
    for _ in $(seq 1 600); do
      if accepts_connections "$port"; then
        echo "kafka-local: broker up on 127.0.0.1:$port (pid $(cat "$pid_file"), log $log_file)"
        exit 0
      fi
      running_pid > /dev/null || { tail -n 40 "$log_file" >&2; die "the broker exited during start; log $log_file"; }
      sleep 0.1
    done
    tail -n 40 "$log_file" >&2
    die "the broker did not listen on 127.0.0.1:$port within 60 s; it is still running (pid $(cat "$pid_file"))"
    ;;
  stop)
    pid="$(running_pid)" || { echo "kafka-local: no broker running from $data_dir"; rm -f "$pid_file"; exit 0; }
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2> /dev/null || { rm -f "$pid_file"; echo "kafka-local: stopped (pid $pid)"; exit 0; }
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
    rm -f "$pid_file"
    echo "kafka-local: killed (pid $pid) after 30 s without a clean shutdown"
    ;;
  status)
    if pid="$(running_pid)"; then
      if accepts_connections "$port"; then state="accepting connections"; else state="not accepting connections yet"; fi
      echo "kafka-local: running (pid $pid) on 127.0.0.1:$port, $state; data $data_dir"
      exit 0
    fi
    echo "kafka-local: not running (data dir $data_dir)"
    exit 3
    ;;
esac
