package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.embedded.LocalRegistry;
import dev.acpstream.schemas.BrokerRoundTrip;
import dev.acpstream.schemas.Samples;
import dev.acpstream.schemas.SchemaRegistrar;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.registry.CompatibilityLevel;
import dev.acpstream.schemas.registry.RegisteredSchema;
import dev.acpstream.schemas.registry.RegistryClientConfig;
import dev.acpstream.schemas.registry.RegistryException;
import dev.acpstream.schemas.registry.SchemaRegistryClient;
import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registry mode against the real Apicurio Registry 2.4.2 (its Confluent-compatible API, started by
 * {@link LocalRegistry}) and the real in-process broker.
 */
class RegistrySerdeTest {

  private static LocalRegistry registry;
  private static EmbeddedKafka kafka;
  private static SchemaRegistryClient client;
  private static SerdeConfig config;

  @BeforeAll
  static void start() {
    // Both take seconds to start; start them side by side.
    var startingRegistry = java.util.concurrent.CompletableFuture.supplyAsync(LocalRegistry::start);
    try {
      kafka = EmbeddedKafka.start();
    } finally {
      registry = startingRegistry.join();
    }
    config = SerdeConfig.registry(registry.url());
    client = new SchemaRegistryClient(config.registry().orElseThrow());
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyRecordTypeRoundTripsInTheConfluentWireFormat() {
    for (var entry : Samples.byTopic().entrySet()) {
      String topic = "wire-" + UUID.randomUUID() + "-" + entry.getKey();
      TopicSpec<String, SpecificRecord> spec =
          (TopicSpec<String, SpecificRecord>) Topics.byName(entry.getKey());
      Serde<SpecificRecord> serde = spec.valueSerde(config);
      byte[] bytes = serde.serializer().serialize(topic, entry.getValue());
      assertEquals(0, bytes[0], "magic byte");
      RegisteredSchema latest = client.latest(topic + "-value");
      assertEquals(latest.id(), ByteBuffer.wrap(bytes, 1, 4).getInt(), "schema id in the header");
      assertEquals(entry.getValue().getSchema(), latest.schema());
      assertEquals(entry.getValue(), serde.deserializer().deserialize(topic, bytes), entry.getKey());
    }
  }

  @Test
  void everyRecordTypeRoundTripsThroughTheBrokerInRegistryMode() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
    }
    Map<String, SpecificRecord> samples = Samples.byTopic();
    var back = BrokerRoundTrip.sendAndReadBack(kafka.bootstrapServers(), config, "k", samples);
    for (var entry : samples.entrySet()) {
      ConsumerRecord<String, SpecificRecord> r = back.get(entry.getKey());
      assertTrue(r.serializedValueSize() > 5, "a 5-byte header and a body");
      assertEquals(entry.getValue(), r.value(), entry.getKey());
      assertTrue(client.versions(entry.getKey() + "-value").contains(1), entry.getKey());
    }
  }

  @Test
  void theRegistrarPutsEveryCatalogSubjectUnderBackwardCompatibility() {
    List<SchemaRegistrar.Registered> first =
        SchemaRegistrar.ensureSchemas(client, config, Topics.ALL, CompatibilityLevel.BACKWARD);
    assertEquals(Topics.ALL.size(), first.size());
    // Idempotent: the same ids and versions the second time.
    assertEquals(first,
        SchemaRegistrar.ensureSchemas(client, config, Topics.ALL, CompatibilityLevel.BACKWARD));
    for (SchemaRegistrar.Registered r : first) {
      assertEquals(r.topic() + "-value", r.subject());
      assertEquals(r.id(), client.latest(r.subject()).id(), r.subject());
    }
    // The rule is enforced: a required field without a default is refused on a catalog subject.
    Schema incompatible = withRequiredField(dev.acpstream.schemas.avro.ImageUpload.getClassSchema(), "width");
    RegistryException e = assertThrows(RegistryException.class,
        () -> client.register("media.images-value", incompatible));
    assertTrue(e.isIncompatible(), e.getMessage());
  }

  @Test
  void schemaEvolutionUnderBackwardCompatibility() throws IOException {
    String subject = "evolution-" + UUID.randomUUID() + "-value";
    client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
    int v1 = client.register(subject, OlderSchemas.MEDIA_LABEL_V1);
    assertEquals(1, client.latest(subject).version());

    // The current MediaLabel adds labeledAt with a default: a compatible evolution.
    assertTrue(client.isCompatible(subject, MediaLabel.getClassSchema()));
    int v2 = client.register(subject, MediaLabel.getClassSchema());
    assertEquals(List.of(1, 2), client.versions(subject));
    assertTrue(v2 != v1);

    // A required field without a default cannot read v2 data: rejected with HTTP 409.
    Schema incompatible = withRequiredField(MediaLabel.getClassSchema(), "confidence");
    assertFalse(client.isCompatible(subject, incompatible));
    RegistryException rejected = assertThrows(RegistryException.class,
        () -> client.register(subject, incompatible));
    assertTrue(rejected.isIncompatible(), rejected.getMessage());
    assertEquals(List.of(1, 2), client.versions(subject));

    // Old data (written with v1's id) is read by today's reader, the new field defaulted.
    String topic = subject.substring(0, subject.length() - "-value".length());
    byte[] oldBytes = confluentBytes(v1, OlderSchemas.MEDIA_LABEL_V1, v1Label());
    MediaLabel read = AvroSerde.forValue(MediaLabel.class, config).deserializer().deserialize(topic, oldBytes);
    assertEquals("track-9", read.getItemId());
    assertEquals(ItemKind.MUSIC, read.getItemKind());
    assertNull(read.getLabeledAt());

    // And a newer compatible writer (v3 adds an optional field) is read by today's reader too.
    int v3 = client.register(subject, OlderSchemas.MEDIA_LABEL_V3);
    GenericRecord newer = new GenericData.Record(OlderSchemas.MEDIA_LABEL_V3);
    v1Label().getSchema().getFields().forEach(f -> newer.put(f.name(), v1Label().get(f.name())));
    newer.put("itemKind", new GenericData.EnumSymbol(
        OlderSchemas.MEDIA_LABEL_V3.getField("itemKind").schema(), "MUSIC"));
    newer.put("confidence", 0.9f);
    MediaLabel fromNewer = AvroSerde.forValue(MediaLabel.class, config).deserializer()
        .deserialize(topic, confluentBytes(v3, OlderSchemas.MEDIA_LABEL_V3, newer));
    assertEquals("Q3", fromNewer.getLabel());
  }

  @Test
  void theSerializerSurfacesARejectedSchemaWithTheTopic() {
    String topic = "rejecting-" + UUID.randomUUID();
    client.setCompatibility(topic + "-value", CompatibilityLevel.BACKWARD);
    client.register(topic + "-value", OlderSchemas.MEDIA_LABEL_WITHOUT_SOURCE);
    // Today's MediaLabel requires 'source' (no default), which the earlier version lacks: a
    // reader of today's schema cannot read that version's data, so BACKWARD refuses it.
    Serde<MediaLabel> serde = AvroSerde.forValue(MediaLabel.class, config);
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> serde.serializer().serialize(topic, Samples.mediaLabel()));
    assertEquals(Reason.SCHEMA_REJECTED, e.reason());
    assertTrue(e.getMessage().startsWith("topic '" + topic + "'"), e.getMessage());
  }

  @Test
  void unknownSchemaIdIsNamed() {
    byte[] bytes = AvroSerde.forValue(MediaLabel.class, config).serializer()
        .serialize("ids-" + UUID.randomUUID(), Samples.mediaLabel());
    ByteBuffer.wrap(bytes).putInt(1, 987_654);
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> AvroSerde.forValue(MediaLabel.class, config).deserializer().deserialize("labels.media", bytes));
    assertEquals(Reason.UNKNOWN_SCHEMA_ID, e.reason());
    assertTrue(e.getMessage().contains("987654"), e.getMessage());
    assertTrue(e.getMessage().contains("labels.media"), e.getMessage());
  }

  @Test
  void wrongMagicTruncatedAndTrailingBytesAreNamed() {
    String topic = "bad-" + UUID.randomUUID();
    Serde<MediaLabel> serde = AvroSerde.forValue(MediaLabel.class, config);
    byte[] good = serde.serializer().serialize(topic, Samples.mediaLabel());
    byte[] singleObject = AvroSerde.forValue(MediaLabel.class, SerdeConfig.singleObject())
        .serializer().serialize(topic, Samples.mediaLabel());
    assertEquals(Reason.WRONG_MAGIC_BYTE, reasonOf(serde, topic, singleObject));
    assertEquals(Reason.TRUNCATED, reasonOf(serde, topic, Arrays.copyOf(good, 3)));
    assertEquals(Reason.TRUNCATED, reasonOf(serde, topic, Arrays.copyOf(good, good.length - 2)));
    assertEquals(Reason.MALFORMED_PAYLOAD, reasonOf(serde, topic, Arrays.copyOf(good, good.length + 1)));
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
    String topic = "noauto-" + UUID.randomUUID();
    SerdeConfig noAuto = SerdeConfig.from(Map.of(RegistryClientConfig.URL, registry.url(),
        SerdeConfig.AUTO_REGISTER, "false"));
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> AvroSerde.forValue(MediaLabel.class, noAuto).serializer().serialize(topic, Samples.mediaLabel()));
    assertEquals(Reason.SCHEMA_REJECTED, e.reason());
    assertTrue(e.getMessage().contains(topic + "-value"), e.getMessage());

    int id = client.register(topic + "-value", MediaLabel.getClassSchema());
    byte[] bytes = AvroSerde.forValue(MediaLabel.class, noAuto).serializer().serialize(topic, Samples.mediaLabel());
    assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());
  }

  @Test
  void useLatestVersionWritesWithTheLatestIdOnlyWhenItIsTheRecordsSchema() {
    String topic = "latest-" + UUID.randomUUID();
    SerdeConfig latest = SerdeConfig.from(Map.of(RegistryClientConfig.URL, registry.url(),
        SerdeConfig.AUTO_REGISTER, "false", SerdeConfig.USE_LATEST_VERSION, "true"));
    int id = client.register(topic + "-value", MediaLabel.getClassSchema());
    byte[] bytes = AvroSerde.forValue(MediaLabel.class, latest).serializer().serialize(topic, Samples.mediaLabel());
    assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());

    client.register(topic + "-value", OlderSchemas.MEDIA_LABEL_V3);
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> AvroSerde.forValue(MediaLabel.class, latest).serializer().serialize(topic, Samples.mediaLabel()));
    assertEquals(Reason.SCHEMA_REJECTED, e.reason());
    assertTrue(e.getMessage().contains("use.latest.version"), e.getMessage());
  }

  @Test
  void anUnreachableRegistryIsReportedAsUnavailable() throws IOException {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    SerdeConfig dead = SerdeConfig.from(Map.of(RegistryClientConfig.URL, "http://127.0.0.1:" + deadPort,
        RegistryClientConfig.MAX_RETRIES, "1", RegistryClientConfig.RETRIES_WAIT_MS, "10"));
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> AvroSerde.forValue(MediaLabel.class, dead).serializer().serialize("t", Samples.mediaLabel()));
    assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
  }

  private static Reason reasonOf(Serde<MediaLabel> serde, String topic, byte[] bytes) {
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> serde.deserializer().deserialize(topic, bytes));
    assertTrue(e.getMessage().contains(topic), e.getMessage());
    return e.reason();
  }

  private static GenericRecord v1Label() {
    return SingleObjectEvolutionTestRecords.v1("track-9", "Q3");
  }

  private static byte[] confluentBytes(int id, Schema writer, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, enc);
    enc.flush();
    return out.toByteArray();
  }

  private static Schema withRequiredField(Schema base, String name) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field(name, Schema.create(Schema.Type.FLOAT), "required, no default"));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }
}
