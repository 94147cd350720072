package dev.acpstream.schemas.registry;

import dev.acpstream.schemas.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach a Confluent-compatible schema registry, read from Confluent's own config keys so
 * that existing client configs work unchanged.
 *
 * @param urls base URLs tried in order ({@code schema.registry.url}, comma separated); for
 *     Apicurio this is the ccompat base, e.g. {@code http://host:8080/apis/ccompat/v7}
 * @param userInfo {@code user:password} for HTTP basic auth, when configured
 */
public record RegistryClientConfig(
    List<URI> urls,
    Optional<String> userInfo,
    TlsSettings tls,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    int cacheCapacity) {

  public static final String URL = "schema.registry.url";
  public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String CACHE_CAPACITY = "max.schemas.per.subject";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is needed");
    }
    if (maxRetries < 0 || cacheCapacity < 1) {
      throw new IllegalArgumentException("maxRetries must be >= 0 and cacheCapacity >= 1");
    }
  }

  /** A config for the given base URL with defaults for everything else. */
  public static RegistryClientConfig forUrl(String url) {
    return new RegistryClientConfig(
        parseUrls(url), Optional.empty(), TlsSettings.none(), Duration.ofSeconds(10),
        Duration.ofSeconds(30), 3, Duration.ofMillis(200), Duration.ofSeconds(5), 1000);
  }

  /**
   * Reads the config, or empty when {@code schema.registry.url} is not set.
   *
   * <p>Credentials: {@code basic.auth.credentials.source} USER_INFO (the default when {@code
   * basic.auth.user.info} is set) takes {@code basic.auth.user.info}; URL takes the user-info part
   * of the first URL. Confluent's SASL_INHERIT is refused: it needs Kafka's SASL config and this
   * client does not implement it.
   */
  public static Optional<RegistryClientConfig> from(ConfigValues c) {
    Optional<String> url = c.string(URL);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    List<URI> urls = parseUrls(url.get());
    Optional<String> userInfo = c.string(USER_INFO).or(() -> c.string(PREFIXED_USER_INFO));
    String source = c.string(CREDENTIALS_SOURCE, "USER_INFO").toUpperCase(Locale.ROOT);
    switch (source) {
      case "USER_INFO" -> { }
      case "URL" -> userInfo = Optional.ofNullable(urls.get(0).getRawUserInfo());
      default -> throw ConfigValues.bad(CREDENTIALS_SOURCE, source, "USER_INFO or URL");
    }
    List<URI> bare = new ArrayList<>();
    for (URI u : urls) {
      bare.add(withoutUserInfo(u));
    }
    return Optional.of(
        new RegistryClientConfig(
            bare,
            userInfo.map(RegistryClientConfig::decodeUserInfo),
            TlsSettings.from(c),
            Duration.ofMillis(c.nonNegative(CONNECT_TIMEOUT_MS, 10_000)),
            Duration.ofMillis(c.nonNegative(READ_TIMEOUT_MS, 30_000)),
            (int) c.nonNegative(MAX_RETRIES, 3),
            Duration.ofMillis(c.nonNegative(RETRIES_WAIT_MS, 200)),
            Duration.ofMillis(c.nonNegative(RETRIES_MAX_WAIT_MS, 5_000)),
            Math.max(1, c.integer(CACHE_CAPACITY, 1000))));
  }

  private static List<URI> parseUrls(String value) {
    List<URI> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      URI u;
      try {
        u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      } catch (IllegalArgumentException e) {
        throw ConfigValues.bad(URL, s, "an http(s) URL");
      }
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw ConfigValues.bad(URL, s, "an http(s) URL");
      }
      out.add(u);
    }
    if (out.isEmpty()) {
      throw ConfigValues.bad(URL, value, "one or more http(s) URLs");
    }
    return out;
  }

  private static URI withoutUserInfo(URI u) {
    if (u.getRawUserInfo() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.replace(u.getRawUserInfo() + "@", ""));
  }

  private static String decodeUserInfo(String raw) {
    return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
  }
}
