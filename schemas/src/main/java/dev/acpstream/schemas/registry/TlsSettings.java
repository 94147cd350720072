package dev.acpstream.schemas.registry;

import dev.acpstream.schemas.ConfigValues;
import java.util.Optional;

/**
 * TLS settings for talking to the registry, under Confluent's {@code schema.registry.ssl.*} keys.
 *
 * <p>With no trust store the JVM's default trust (cacerts) applies. Hostname verification is
 * always on: java.net.http can only switch it off JVM-wide, so an empty {@code
 * schema.registry.ssl.endpoint.identification.algorithm} is refused instead of silently ignored.
 */
public record TlsSettings(
    Optional<String> trustStoreLocation,
    Optional<String> trustStorePassword,
    String trustStoreType,
    Optional<String> keyStoreLocation,
    Optional<String> keyStorePassword,
    String keyStoreType,
    Optional<String> keyPassword,
    String protocol) {

  public static final String PREFIX = "schema.registry.ssl.";

  public static TlsSettings none() {
    return new TlsSettings(
        Optional.empty(), Optional.empty(), "JKS", Optional.empty(), Optional.empty(), "JKS",
        Optional.empty(), "TLSv1.3");
  }

  public static TlsSettings from(ConfigValues c) {
    String endpointKey = PREFIX + "endpoint.identification.algorithm";
    if (c.string(endpointKey).isEmpty() && rawPresent(c, endpointKey)) {
      throw new IllegalArgumentException(
          "config '" + endpointKey + "' = '' (no hostname verification) is not supported: the"
              + " JDK HTTP client can only disable it for the whole JVM");
    }
    return new TlsSettings(
        c.string(PREFIX + "truststore.location"),
        c.string(PREFIX + "truststore.password"),
        c.string(PREFIX + "truststore.type", "JKS"),
        c.string(PREFIX + "keystore.location"),
        c.string(PREFIX + "keystore.password"),
        c.string(PREFIX + "keystore.type", "JKS"),
        c.string(PREFIX + "key.password"),
        c.string(PREFIX + "protocol", "TLSv1.3"));
  }

  private static boolean rawPresent(ConfigValues c, String key) {
    return c.isSet(key);
  }

  public boolean isDefault() {
    return trustStoreLocation.isEmpty() && keyStoreLocation.isEmpty();
  }
}
