package dev.acpstream.cli;

import dev.acpstream.deploy.ServiceEnvironment;
import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The client settings of the commands that talk to a running acp-stream (ingest, label, model
 * publish): the same {@code $ACP_CONFIG_FILE} and {@code ACP_*} variables the services read, so a
 * cluster's TLS, SASL and registry credentials work for the command line too (docs/security.md).
 */
final class ClientSettings {

  private ClientSettings() {}

  /** {@code bootstrap.servers} and the Kafka security settings, for a producer or consumer. */
  static Map<String, Object> connection(String bootstrapServers) {
    Map<String, Object> c = new HashMap<>(KafkaClientSecurity.of(environment()));
    c.put("bootstrap.servers", bootstrapServers);
    return c;
  }

  /** Registry encoding at {@code url} with the registry's TLS and basic-auth settings; none: single-object. */
  static SerdeConfig serdes(String url) {
    if (url == null || url.isBlank()) {
      return SerdeConfig.singleObject();
    }
    Properties p = environment();
    p.setProperty("schema.registry.url", url);
    return SerdeConfig.from(p);
  }

  private static Properties environment() {
    return ServiceEnvironment.withoutServiceKeys(ServiceEnvironment.load(Optional.empty(), System.getenv()));
  }
}
