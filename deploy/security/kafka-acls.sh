#!/usr/bin/env bash
# Least-privilege Kafka ACLs for each acp-stream service, as kafka-acls.sh commands: printed by
# default, applied with --apply. One principal per service (SASL user or TLS certificate name).
# The topic names are the catalog's (schemas/.../Topics.java); DeploymentFilesTest checks that.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy/security/kafka-acls.sh --bootstrap-server HOST:PORT [options]

  --bootstrap-server HOST:PORT  a broker (required)
  --command-config FILE         admin client settings (TLS/SASL of an ACL administrator)
  --application-id ID           the topology's application.id (default acp-stream)
  --apply                       run the commands (kafka-acls.sh from KAFKA_HOME/bin or PATH);
                                without it they are only printed
  -h, --help                    this text

Principals (override by environment): TOPOLOGY_PRINCIPAL (User:acp-topology),
TRAINER_PRINCIPAL (User:acp-trainer), WEB_PRINCIPAL (User:acp-web), TOPICS_PRINCIPAL (User:acp-topics),
REGISTRY_PRINCIPAL (User:acp-registry).
USAGE
}

die() { echo "kafka-acls: $*" >&2; exit 1; }

bootstrap=""
command_config=""
app_id="acp-stream"
apply=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bootstrap-server) [[ $# -ge 2 ]] || die "--bootstrap-server needs a value"; bootstrap="$2"; shift 2 ;;
    --command-config) [[ $# -ge 2 ]] || die "--command-config needs a value"; command_config="$2"; shift 2 ;;
    --application-id) [[ $# -ge 2 ]] || die "--application-id needs a value"; app_id="$2"; shift 2 ;;
    --apply) apply=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ -n "$bootstrap" ]] || { usage >&2; die "--bootstrap-server is required"; }
[[ -z "$command_config" || -f "$command_config" ]] || die "--command-config file $command_config does not exist"
[[ "$app_id" =~ ^[A-Za-z0-9._-]+$ ]] || die "--application-id may hold letters, digits, '.', '_' and '-' only, got '$app_id'"

topology="${TOPOLOGY_PRINCIPAL:-User:acp-topology}"
trainer="${TRAINER_PRINCIPAL:-User:acp-trainer}"
web="${WEB_PRINCIPAL:-User:acp-web}"
topics_admin="${TOPICS_PRINCIPAL:-User:acp-topics}"
registry="${REGISTRY_PRINCIPAL:-User:acp-registry}"
# The trainer's application.id (TrainerConfig's default).
trainer_app_id="acp-trainer"

acls_bin="kafka-acls.sh"
[[ -n "${KAFKA_HOME:-}" ]] && acls_bin="$KAFKA_HOME/bin/kafka-acls.sh"
base=("$acls_bin" --bootstrap-server "$bootstrap")
[[ -n "$command_config" ]] && base+=(--command-config "$command_config")

acl() {
  if $apply; then
    "${base[@]}" --add "$@" > /dev/null
    echo "added: $*"
  else
    printf '%q ' "${base[@]}" --add "$@"; echo
  fi
}

# The topology (Kafka Streams, exactly-once v2): reads the media and the models, writes features,
# embeddings, scores, matches and dead letters; owns its consumer group, its internal topics
# (changelogs, repartitions: prefixed by the application id) and its transactional ids.
for t in media.images media.audio-chunks models.acpnet embeddings.image embeddings.music; do
  acl --allow-principal "$topology" --operation Read --operation Describe --topic "$t"
done
for t in features.image features.music-segment embeddings.image embeddings.music scores.correspondence matches.topk errors.dead-letter; do
  acl --allow-principal "$topology" --operation Write --operation Describe --topic "$t"
done
acl --allow-principal "$topology" --operation All --resource-pattern-type prefixed --topic "$app_id-"
acl --allow-principal "$topology" --operation Read --group "$app_id"
acl --allow-principal "$topology" --operation Write --operation Describe --resource-pattern-type prefixed --transactional-id "$app_id-"

# The trainer (acp trainer, application id acp-trainer, exactly-once): joins labels and features into
# its training set, reads and publishes models, dead-letters what it cannot use; owns its consumer
# group, its internal topics and its transactional ids (all prefixed acp-trainer).
for t in labels.media pairs.labeled features.image features.music-segment models.acpnet; do
  acl --allow-principal "$trainer" --operation Read --operation Describe --topic "$t"
done
for t in models.acpnet errors.dead-letter; do
  acl --allow-principal "$trainer" --operation Write --operation Describe --topic "$t"
done
acl --allow-principal "$trainer" --operation All --resource-pattern-type prefixed --topic "$trainer_app_id-"
acl --allow-principal "$trainer" --operation Read --group "$trainer_app_id"
acl --allow-principal "$trainer" --operation Write --operation Describe --resource-pattern-type prefixed --transactional-id "$trainer_app_id-"

# The web app (acp serve): one more instance of the topology (same application id), so everything the
# topology may do, plus: sends media, labels and (--model) a champion; its pipeline monitor reads the
# outputs without a group; at start it verifies the catalog's topics.
for t in media.images media.audio-chunks models.acpnet embeddings.image embeddings.music; do
  acl --allow-principal "$web" --operation Read --operation Describe --topic "$t"
done
for t in features.image features.music-segment embeddings.image embeddings.music scores.correspondence matches.topk errors.dead-letter; do
  acl --allow-principal "$web" --operation Read --operation Write --operation Describe --topic "$t"
done
for t in media.images media.audio-chunks labels.media pairs.labeled models.acpnet; do
  acl --allow-principal "$web" --operation Write --operation Describe --topic "$t"
done
for t in media.images media.audio-chunks features.image features.music-segment embeddings.image embeddings.music \
  scores.correspondence matches.topk labels.media pairs.labeled models.acpnet errors.dead-letter; do
  acl --allow-principal "$web" --operation DescribeConfigs --topic "$t"
done
acl --allow-principal "$web" --operation All --resource-pattern-type prefixed --topic "$app_id-"
acl --allow-principal "$web" --operation Read --group "$app_id"
acl --allow-principal "$web" --operation Write --operation Describe --resource-pattern-type prefixed --transactional-id "$app_id-"

# The topic initialiser: creates and describes the catalog's topics, nothing else.
for t in media.images media.audio-chunks features.image features.music-segment embeddings.image embeddings.music \
  scores.correspondence matches.topk labels.media pairs.labeled models.acpnet errors.dead-letter; do
  acl --allow-principal "$topics_admin" --operation Create --operation Describe --operation DescribeConfigs --topic "$t"
done

# The schema registry (Apicurio kafkasql storage): its journal topic and its own consumer groups.
acl --allow-principal "$registry" --operation All --topic kafkasql-journal
acl --allow-principal "$registry" --operation Read --resource-pattern-type prefixed --group apicurio
