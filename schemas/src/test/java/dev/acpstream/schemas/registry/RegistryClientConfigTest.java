package dev.acpstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.schemas.serde.SubjectNameStrategy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Confluent's config keys map onto the typed configs; bad values name their key. */
class RegistryClientConfigTest {

  @Test
  void withoutAUrlTheSerdesUseSingleObjectEncoding() {
    SerdeConfig c = SerdeConfig.from(Map.of("auto.register.schemas", "false"));
    assertTrue(c.registry().isEmpty());
    assertTrue(!c.registryMode());
  }

  @Test
  void confluentKeysAreRead() {
    Properties p = new Properties();
    p.setProperty("schema.registry.url", " http://a:8081/ , https://b:8443/apis/ccompat/v7 ");
    p.setProperty("auto.register.schemas", "false");
    p.setProperty("use.latest.version", "true");
    p.setProperty("basic.auth.credentials.source", "USER_INFO");
    p.setProperty("basic.auth.user.info", "u:p");
    p.setProperty("value.subject.name.strategy",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
    p.setProperty("http.read.timeout.ms", "1234");
    p.setProperty("max.retries", "7");
    SerdeConfig c = SerdeConfig.from(p);
    RegistryClientConfig r = c.registry().orElseThrow();
    assertEquals(List.of(URI.create("http://a:8081"), URI.create("https://b:8443/apis/ccompat/v7")), r.urls());
    assertEquals(Optional.of("u:p"), r.userInfo());
    assertEquals(Duration.ofMillis(1234), r.requestTimeout());
    assertEquals(7, r.maxRetries());
    assertEquals(false, c.autoRegisterSchemas());
    assertEquals(true, c.useLatestVersion());
    assertEquals(SubjectNameStrategy.TOPIC_NAME, c.keySubjectStrategy());
    assertEquals(SubjectNameStrategy.TOPIC_RECORD_NAME, c.valueSubjectStrategy());
  }

  @Test
  void subjectStrategiesNameSubjectsLikeConfluent() {
    var schema = dev.acpstream.schemas.avro.AudioChunk.getClassSchema();
    assertEquals("media.audio-chunks-value", SubjectNameStrategy.TOPIC_NAME.subject("media.audio-chunks", false, schema));
    assertEquals("media.audio-chunks-key", SubjectNameStrategy.TOPIC_NAME.subject("media.audio-chunks", true, schema));
    assertEquals("dev.acpstream.schemas.avro.AudioChunk", SubjectNameStrategy.RECORD_NAME.subject("t", false, schema));
    assertEquals("t-dev.acpstream.schemas.avro.AudioChunk", SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false, schema));
  }

  @Test
  void badValuesNameTheirKey() {
    assertMessage("schema.registry.url", Map.of("schema.registry.url", "localhost:8081"));
    assertMessage("auto.register.schemas", Map.of("schema.registry.url", "http://h", "auto.register.schemas", "yes"));
    assertMessage("max.retries", Map.of("schema.registry.url", "http://h", "max.retries", "-1"));
    assertMessage("basic.auth.credentials.source",
        Map.of("schema.registry.url", "http://h", "basic.auth.credentials.source", "SASL_INHERIT"));
    assertMessage("key.subject.name.strategy",
        Map.of("schema.registry.url", "http://h", "key.subject.name.strategy", "com.example.Mine"));
    assertMessage("schema.registry.ssl.endpoint.identification.algorithm",
        Map.of("schema.registry.url", "https://h", "schema.registry.ssl.endpoint.identification.algorithm", ""));
  }

  @Test
  void anUnreadableTrustStoreIsNamed() {
    Map<String, String> m = Map.of("schema.registry.url", "https://h",
        "schema.registry.ssl.truststore.location", "/nonexistent/truststore.jks",
        "schema.registry.ssl.truststore.password", "changeit");
    RegistryClientConfig r = RegistryClientConfig.from(new ConfigValues(m)).orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SchemaRegistryClient(r));
    assertTrue(e.getMessage().contains("schema.registry.ssl.truststore.location"), e.getMessage());
    assertTrue(e.getMessage().contains("/nonexistent/truststore.jks"), e.getMessage());
  }

  private static void assertMessage(String key, Map<String, String> config) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerdeConfig.from(config));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
