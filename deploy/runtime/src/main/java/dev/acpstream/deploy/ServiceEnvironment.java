package dev.acpstream.deploy;

import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.topology.TopologyConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The configuration a containerised service starts with: a properties file (mounted from a
 * ConfigMap or Secret, named by {@value #CONFIG_FILE_ENV}) over environment variables over the
 * code's defaults, the precedence {@link TopologyConfig} already uses for its own keys.
 *
 * <p>{@link TopologyConfig} reads only its own keys from the environment. The client settings a
 * cluster needs on top (schema registry, TLS, SASL, threads, standbys) are listed in {@link
 * #CLIENT_KEYS}; each is read from the environment under {@link TopologyConfig#envName} (e.g.
 * {@code security.protocol} from {@code ACP_SECURITY_PROTOCOL}). Anything else goes in the file.
 */
public final class ServiceEnvironment {

  /** Environment variable naming an optional properties file. */
  public static final String CONFIG_FILE_ENV = "ACP_CONFIG_FILE";

  /** Port of the service's health endpoints ({@code /health/live}, {@code /health/ready}). */
  public static final String HEALTH_PORT = "acp.health.port";

  public static final int DEFAULT_HEALTH_PORT = 8090;

  /** Keys of this module's services; they never reach Kafka. */
  public static final List<String> SERVICE_KEYS =
      List.of(HEALTH_PORT, TopicSettings.PARTITIONS, TopicSettings.REPLICATION_FACTOR);

  /**
   * Kafka and registry client settings a deployment may pass through the environment. Kafka keys
   * apply to every client Kafka Streams makes (consumer, producer, admin); {@code
   * schema.registry.*} and {@code basic.auth.*} to the Avro serdes' registry client.
   */
  public static final List<String> CLIENT_KEYS =
      List.of(
          // Kafka Streams scaling and timing.
          "num.stream.threads",
          "num.standby.replicas",
          "replication.factor",
          "commit.interval.ms",
          "consumer.session.timeout.ms",
          "application.server",
          // Kafka client security (TLS and SASL).
          "security.protocol",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.truststore.type",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.keystore.type",
          "ssl.key.password",
          "ssl.endpoint.identification.algorithm",
          "sasl.mechanism",
          "sasl.jaas.config",
          // Schema registry (Confluent-compatible API, e.g. Apicurio's ccompat), TLS and basic auth.
          "schema.registry.url",
          "basic.auth.credentials.source",
          "basic.auth.user.info",
          "schema.registry.ssl.truststore.location",
          "schema.registry.ssl.truststore.password",
          "schema.registry.ssl.truststore.type",
          "schema.registry.ssl.keystore.location",
          "schema.registry.ssl.keystore.password",
          "schema.registry.ssl.keystore.type",
          "schema.registry.ssl.key.password",
          "auto.register.schemas",
          "use.latest.version");

  private ServiceEnvironment() {}

  /**
   * The merged properties: the file named by {@code configFile} (else by {@value
   * #CONFIG_FILE_ENV}), then each of {@link #CLIENT_KEYS} and {@link #SERVICE_KEYS} that the file
   * does not set, from {@code env}. Topology keys stay in {@code env} for {@link
   * TopologyConfig#from(Properties, Map)}.
   *
   * @throws IllegalArgumentException naming the file when it is missing or unreadable
   */
  public static Properties load(Optional<Path> configFile, Map<String, String> env) {
    Properties p = new Properties();
    Optional<Path> file = configFile.or(() -> Optional.ofNullable(env.get(CONFIG_FILE_ENV))
        .filter(s -> !s.isBlank()).map(Path::of));
    if (file.isPresent()) {
      try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("config file " + file.get() + " does not exist");
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("config file " + file.get() + " cannot be read: " + e.getMessage(), e);
      }
    }
    for (String key : envKeys()) {
      String v = env.get(TopologyConfig.envName(key));
      if (v != null && !p.containsKey(key)) {
        p.setProperty(key, v);
      }
    }
    return p;
  }

  /** Every key this class reads from the environment (client and service keys). */
  public static List<String> envKeys() {
    List<String> keys = new ArrayList<>(CLIENT_KEYS);
    keys.addAll(SERVICE_KEYS);
    return keys;
  }

  /** The health port, validated. */
  public static int healthPort(Properties p) {
    String v = p.getProperty(HEALTH_PORT, String.valueOf(DEFAULT_HEALTH_PORT)).trim();
    try {
      int port = Integer.parseInt(v);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("config '" + HEALTH_PORT + "' = '" + v + "' is invalid: expected a port 0-65535");
  }

  /**
   * The health port when one is configured ({@code acp.health.port} or {@code ACP_HEALTH_PORT}),
   * validated; empty otherwise. For the services that serve health only when asked (the trainer and
   * {@code acp serve}, which a developer may run beside {@code acp topology} on the same machine).
   */
  public static OptionalInt configuredHealthPort(Properties p) {
    return p.containsKey(HEALTH_PORT) ? OptionalInt.of(healthPort(p)) : OptionalInt.empty();
  }

  /** {@code p} without this module's own keys (what Kafka and the serdes get). */
  public static Properties withoutServiceKeys(Properties p) {
    Properties out = new Properties();
    p.stringPropertyNames().stream()
        .filter(k -> !SERVICE_KEYS.contains(k) && !k.startsWith(TopicSettings.PREFIX))
        .forEach(k -> out.setProperty(k, p.getProperty(k)));
    return out;
  }
}
