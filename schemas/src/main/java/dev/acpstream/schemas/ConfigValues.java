package dev.acpstream.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads typed values out of a Kafka-style {@code Map<String, ?>} config, failing with a message
 * that names the key and the bad value rather than a bare NumberFormatException.
 */
public final class ConfigValues {

  private final Map<String, ?> raw;

  public ConfigValues(Map<String, ?> raw) {
    this.raw = Map.copyOf(withoutNulls(raw));
  }

  public static ConfigValues of(Properties properties) {
    Map<String, Object> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return new ConfigValues(map);
  }

  /** True when the key is present, even with an empty value. */
  public boolean isSet(String key) {
    return raw.containsKey(key);
  }

  /** The trimmed value, empty when absent or blank. */
  public Optional<String> string(String key) {
    Object v = raw.get(key);
    if (v == null) {
      return Optional.empty();
    }
    String s = (v instanceof org.apache.kafka.common.config.types.Password p ? p.value() : v.toString()).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  public boolean bool(String key, boolean fallback) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    return switch (s.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, s.get(), "true or false");
    };
  }

  public int integer(String key, int fallback) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(s.get());
    } catch (NumberFormatException e) {
      throw bad(key, s.get(), "an integer");
    }
  }

  public long longValue(String key, long fallback) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(s.get());
    } catch (NumberFormatException e) {
      throw bad(key, s.get(), "an integer");
    }
  }

  /** A non-negative integer, e.g. a count or a duration in milliseconds. */
  public long nonNegative(String key, long fallback) {
    long v = longValue(key, fallback);
    if (v < 0) {
      throw bad(key, String.valueOf(v), "a value >= 0");
    }
    return v;
  }

  public static IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        "config '" + key + "' = '" + value + "' is invalid: expected " + expected);
  }

  private static Map<String, ?> withoutNulls(Map<String, ?> raw) {
    Map<String, Object> copy = new HashMap<>();
    raw.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return copy;
  }
}
