package dev.acpstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin.Outcome;
import dev.acpstream.schemas.TopicAdmin.TopicState;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.serde.AvroSerde;
import dev.acpstream.schemas.serde.AvroSerializer;
import dev.acpstream.schemas.serde.AvroDeserializer;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The catalog on a real in-process KRaft broker: topics created as specified, records round-trip. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogOnBrokerTest {

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void createsEveryCatalogTopicWithItsSettingsThenVerifiesThem() throws Exception {
    List<TopicState> first = TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
    assertEquals(Topics.ALL.size(), first.size());
    first.forEach(s -> assertEquals(Outcome.CREATED, s.outcome(), s.name()));

    List<TopicState> again = TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
    again.forEach(s -> assertEquals(Outcome.VERIFIED, s.outcome(), s.name()));

    var models = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MODELS_ACPNET.name());
    var chunks = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MEDIA_AUDIO_CHUNKS.name());
    var configs = admin.describeConfigs(List.of(models, chunks)).all().get();
    assertEquals("compact", configs.get(models).get("cleanup.policy").value());
    assertEquals("-1", configs.get(models).get("retention.ms").value());
    assertEquals("delete", configs.get(chunks).get("cleanup.policy").value());
    assertEquals(String.valueOf(Duration.ofDays(1).toMillis()),
        configs.get(chunks).get("retention.ms").value());
    var described = admin.describeTopics(List.of(Topics.MODELS_ACPNET.name(),
        Topics.MEDIA_AUDIO_CHUNKS.name())).allTopicNames().get();
    assertEquals(1, described.get(Topics.MODELS_ACPNET.name()).partitions().size());
    assertEquals(6, described.get(Topics.MEDIA_AUDIO_CHUNKS.name()).partitions().size());
  }

  @Test
  @Order(2)
  void everyRecordTypeRoundTripsThroughTheBrokerInSingleObjectMode() throws Exception {
    TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
    Map<String, SpecificRecord> samples = Samples.byTopic();
    var back = BrokerRoundTrip.sendAndReadBack(
        kafka.bootstrapServers(), SerdeConfig.singleObject(), "key-1", samples);
    for (var entry : samples.entrySet()) {
      ConsumerRecord<String, SpecificRecord> r = back.get(entry.getKey());
      assertEquals("key-1", r.key());
      assertEquals(entry.getValue(), r.value(), entry.getKey());
      assertTrue(r.serializedValueSize() > 10, entry.getKey() + ": 10-byte header and a body");
    }
  }

  @Test
  void overridesApplyToPartitionsAndRetention() {
    TopicSpec<String, AudioChunk> spec = scratch(6, Optional.of(Duration.ofHours(1)));
    TopicSettings settings = TopicSettings.from(Map.of("acp.topics.partitions", "2"));
    assertEquals(2, settings.partitions(spec));
    TopicAdmin.ensureTopics(admin, List.of(spec), settings, Duration.ofSeconds(30));
    TopicMismatchException e = assertThrows(TopicMismatchException.class,
        () -> TopicAdmin.ensureTopics(admin, List.of(spec), TopicSettings.defaults(), Duration.ofSeconds(30)));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains(spec.name() + " has 2 partitions, expected 6"), e.getMessage());
  }

  @Test
  void anExistingTopicWithOtherSettingsIsReportedNotChanged() throws Exception {
    TopicSpec<String, AudioChunk> spec = scratch(3, Optional.of(Duration.ofHours(1)));
    admin.createTopics(List.of(new NewTopic(spec.name(), 3, (short) 1)
        .configs(Map.of("cleanup.policy", "compact")))).all().get();
    TopicMismatchException e = assertThrows(TopicMismatchException.class,
        () -> TopicAdmin.ensureTopics(admin, List.of(spec), TopicSettings.defaults(), Duration.ofSeconds(30)));
    assertTrue(e.getMessage().contains("cleanup.policy=compact, expected delete"), e.getMessage());
    assertTrue(e.getMessage().contains("retention.ms="), e.getMessage());
    assertEquals(2, e.problems().size(), e.getMessage());
  }

  @Test
  void classNameConfiguredClientsFromPropertiesWork() throws Exception {
    TopicSpec<String, AudioChunk> spec = scratch(1, Optional.empty());
    TopicAdmin.ensureTopics(admin, List.of(spec), TopicSettings.defaults(), Duration.ofSeconds(30));
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    p.put(AvroSerde.VALUE_TYPE, AudioChunk.class.getName());
    try (KafkaProducer<String, AudioChunk> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(spec.name(), "track-7", Samples.audioChunk())).get();
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "props-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    c.put(AvroSerde.VALUE_TYPE, AudioChunk.class.getName());
    try (KafkaConsumer<String, AudioChunk> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(spec.name()));
      AudioChunk got = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got == null && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          got = r.value();
        }
      }
      assertEquals(Samples.audioChunk(), got);
    }
  }

  private static TopicSpec<String, AudioChunk> scratch(int partitions, Optional<Duration> retention) {
    return new TopicSpec<>("scratch-" + UUID.randomUUID(), AudioChunk.class,
        Topics.MEDIA_AUDIO_CHUNKS.keySerdeFactory(), Topics.MEDIA_AUDIO_CHUNKS.valueSerdeFactory(),
        partitions, CleanupPolicy.DELETE, retention);
  }
}
