package dev.acpstream.deploy;

import dev.acpstream.schemas.KafkaClientSecurity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * One round trip to Kafka with the service's own client settings before anything starts, so that
 * wrong credentials or an untrusted broker certificate end the service with a line naming the
 * problem instead of a Kafka Streams client that retries or dies with a bare ERROR state.
 *
 * <p>A broker that does not answer in time is not an error here: Kafka Streams keeps trying, as
 * it would after a broker restart.
 */
public final class KafkaAccessCheck {

  /** How long the services wait for the answer before they start anyway. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private KafkaAccessCheck() {}

  /** Thrown when the cluster refused the client's credentials or the TLS handshake failed. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Describes the cluster at {@code bootstrapServers} with the security keys of {@code settings}.
   *
   * @return false when Kafka did not answer within {@code timeout}
   * @throws RefusedException naming the protocol and mechanism when authentication failed
   */
  public static boolean check(String bootstrapServers, Map<?, ?> settings, Duration timeout) {
    Map<String, Object> c = new HashMap<>(KafkaClientSecurity.of(settings));
    c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    c.put(AdminClientConfig.CLIENT_ID_CONFIG, "acp-access-check");
    try (Admin admin = Admin.create(c)) {
      admin.describeCluster().clusterId().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException a) {
        throw refused(bootstrapServers, c, a);
      }
      return false;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (AuthenticationException e) {
      throw refused(bootstrapServers, c, e);
    }
  }

  private static RefusedException refused(String bootstrap, Map<String, Object> c, AuthenticationException e) {
    return new RefusedException("Kafka at " + bootstrap + " refused the connection: authentication failed ("
        + "security.protocol=" + c.getOrDefault("security.protocol", "PLAINTEXT")
        + (c.containsKey("sasl.mechanism") ? ", sasl.mechanism=" + c.get("sasl.mechanism") : "") + "): " + e.getMessage()
        + ". Check sasl.jaas.config (ACP_SASL_JAAS_CONFIG) and ssl.truststore.* (ACP_SSL_TRUSTSTORE_*)", e);
  }
}
