package dev.acpstream.schemas.serde;

import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.registry.RegistryClientConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How the Avro serdes encode: with a registry (Confluent wire format) when {@link #registry()} is
 * present, else Avro single-object encoding. Read from Confluent's config key names.
 *
 * @param autoRegisterSchemas {@code auto.register.schemas} (default true): register the record's
 *     schema on first use; when false it must already be registered under the subject
 * @param useLatestVersion {@code use.latest.version} (default false): write with the subject's
 *     latest id; the record's schema must then be that latest schema (refused otherwise, as this
 *     serializer does not rewrite records into another schema)
 */
public record SerdeConfig(
    Optional<RegistryClientConfig> registry,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    SubjectNameStrategy keySubjectStrategy,
    SubjectNameStrategy valueSubjectStrategy) {

  public static final String AUTO_REGISTER = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String KEY_SUBJECT_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_STRATEGY = "value.subject.name.strategy";

  /** Single-object encoding, no registry: what the embedded demo uses. */
  public static SerdeConfig singleObject() {
    return new SerdeConfig(
        Optional.empty(), true, false, SubjectNameStrategy.TOPIC_NAME,
        SubjectNameStrategy.TOPIC_NAME);
  }

  /** Registry mode against {@code url} with Confluent's defaults. */
  public static SerdeConfig registry(String url) {
    return from(Map.of(RegistryClientConfig.URL, url));
  }

  public static SerdeConfig from(Map<String, ?> config) {
    return from(new ConfigValues(config));
  }

  public static SerdeConfig from(Properties config) {
    return from(ConfigValues.of(config));
  }

  public static SerdeConfig from(ConfigValues c) {
    return new SerdeConfig(
        RegistryClientConfig.from(c),
        c.bool(AUTO_REGISTER, true),
        c.bool(USE_LATEST_VERSION, false),
        c.string(KEY_SUBJECT_STRATEGY)
            .map(v -> SubjectNameStrategy.parse(KEY_SUBJECT_STRATEGY, v))
            .orElse(SubjectNameStrategy.TOPIC_NAME),
        c.string(VALUE_SUBJECT_STRATEGY)
            .map(v -> SubjectNameStrategy.parse(VALUE_SUBJECT_STRATEGY, v))
            .orElse(SubjectNameStrategy.TOPIC_NAME));
  }

  public boolean registryMode() {
    return registry.isPresent();
  }

  public SubjectNameStrategy subjectStrategy(boolean isKey) {
    return isKey ? keySubjectStrategy : valueSubjectStrategy;
  }
}
