package dev.acpstream.deploy;

import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicMismatchException;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.topology.TopologyConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates the catalog's missing topics and verifies the existing ones, once, before the services
 * start (a compose one-shot service, a Kubernetes Job). Idempotent: a second run only verifies.
 *
 * <p>Reads the same configuration as {@link TopologyService}: {@code bootstrap.servers} and the
 * Kafka security keys for the admin client; {@code acp.topics.*} ({@link TopicSettings}) for
 * partitions, replication factor and retention. Exit 0 when every topic matches the catalog, 1
 * when one does not (nothing is altered) or Kafka cannot be reached, 2 on bad configuration.
 */
public final class TopicsInit {

  private TopicsInit() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    TopicSettings settings;
    Map<String, Object> adminConfig;
    try {
      if (args.length != 0 && !(args.length == 2 && args[0].equals("--config"))) {
        throw new IllegalArgumentException("usage: acp topics [--config FILE] (got " + String.join(" ", args) + ")");
      }
      Properties props = ServiceEnvironment.load(
          args.length == 2 ? Optional.of(Path.of(args[1])) : Optional.empty(), env);
      settings = TopicSettings.from(topicKeys(props));
      adminConfig = adminConfig(props, env);
    } catch (IllegalArgumentException e) {
      err.println("acp topics: " + e.getMessage());
      return 2;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      for (TopicAdmin.TopicState t : TopicAdmin.ensureTopics(admin, dev.acpstream.schemas.Topics.ALL, settings,
          Duration.ofSeconds(120))) {
        out.println("acp topics: " + t.name() + " " + t.outcome().name().toLowerCase(java.util.Locale.ROOT));
      }
      return 0;
    } catch (TopicMismatchException e) {
      err.println("acp topics: existing topics differ from the catalog, nothing changed: " + String.join("; ", e.problems()));
      return 1;
    } catch (RuntimeException e) {
      err.println("acp topics: " + e.getMessage());
      return 1;
    }
  }

  private static Properties topicKeys(Properties props) {
    Properties p = new Properties();
    props.stringPropertyNames().stream().filter(k -> k.startsWith(TopicSettings.PREFIX))
        .forEach(k -> p.setProperty(k, props.getProperty(k)));
    return p;
  }

  /** bootstrap.servers (file, then environment, then the topology's default) and the Kafka security keys. */
  private static Map<String, Object> adminConfig(Properties props, Map<String, String> env) {
    Map<String, Object> c = new HashMap<>();
    c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(props), env).bootstrapServers());
    c.putAll(KafkaClientSecurity.of(props));
    return c;
  }
}
