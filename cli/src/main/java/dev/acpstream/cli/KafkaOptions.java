package dev.acpstream.cli;

import dev.acpstream.schemas.serde.SerdeConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the commands that talk to a running acp-stream find its Kafka cluster. */
final class KafkaOptions {

  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
      defaultValue = "${env:ACP_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka bootstrap servers (default: $ACP_BOOTSTRAP_SERVERS or localhost:9092; "
          + "'bin/acp serve' prints the embedded broker's).")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL",
      defaultValue = "${env:ACP_SCHEMA_REGISTRY_URL}",
      description = "Schema registry URL (default: $ACP_SCHEMA_REGISTRY_URL; none: single-object encoding).")
  String schemaRegistry;

  SerdeConfig serdes() {
    return ClientSettings.serdes(schemaRegistry);
  }

  /** What a producer or consumer is given: the servers and the security settings of $ACP_CONFIG_FILE / ACP_*. */
  Map<String, Object> connection() {
    return ClientSettings.connection(bootstrapServers);
  }
}
