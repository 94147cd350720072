package dev.acpstream.schemas;

import java.util.Map;
import java.util.TreeMap;

/**
 * The connection-security settings of a Kafka client ({@code security.protocol}, {@code ssl.*},
 * {@code sasl.*}), picked out of a service's configuration so that every client a service makes
 * (Streams, producers, consumers, admin) connects the same way. Registry settings ({@code
 * schema.registry.ssl.*}, {@code basic.auth.*}) are not Kafka's and are left out.
 */
public final class KafkaClientSecurity {

  private KafkaClientSecurity() {}

  /** True for a key that configures how a Kafka client authenticates or encrypts. */
  public static boolean isSecurityKey(String key) {
    return key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.");
  }

  /** The security settings among {@code settings} (string keys only), values unchanged. */
  public static Map<String, Object> of(Map<?, ?> settings) {
    Map<String, Object> out = new TreeMap<>();
    settings.forEach((k, v) -> {
      if (k instanceof String key && isSecurityKey(key) && v != null) {
        out.put(key, v);
      }
    });
    return out;
  }
}
