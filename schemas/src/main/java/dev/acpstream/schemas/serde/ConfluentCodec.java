package dev.acpstream.schemas.serde;

import dev.acpstream.schemas.registry.RegisteredSchema;
import dev.acpstream.schemas.registry.RegistryException;
import dev.acpstream.schemas.registry.SchemaRegistryClient;
import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Confluent wire format: magic byte {@code 0}, the writer schema's registry id as a 4-byte
 * big-endian int, then the Avro binary body. The reader fetches the writer schema by id and
 * resolves it to its own compiled schema (schema evolution).
 */
final class ConfluentCodec<T extends SpecificRecord> implements AvroCodec<T> {

  static final byte MAGIC = 0;
  static final int HEADER = 5;

  private final Schema schema;
  private final CatalogSpecificData model;
  private final SerdeConfig config;
  private final boolean isKey;
  private final SchemaRegistryClient client;
  private final SpecificDatumWriter<T> writer;
  private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();

  ConfluentCodec(Class<T> type, SerdeConfig config, boolean isKey) {
    this.schema = RecordTypes.schemaOf(type);
    this.model = new CatalogSpecificData(type, schema);
    this.config = config;
    this.isKey = isKey;
    this.client = new SchemaRegistryClient(config.registry().orElseThrow());
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  @Override
  public byte[] encode(String topic, T record) {
    String subject = config.subjectStrategy(isKey).subject(topic, isKey, schema);
    int id = idsBySubject.computeIfAbsent(subject, s -> schemaId(topic, s));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new AvroSerdeException(topic, Reason.INVALID_RECORD, String.valueOf(e.getMessage()), e);
    }
    return out.toByteArray();
  }

  @Override
  public T decode(String topic, byte[] bytes) {
    if (bytes.length < HEADER) {
      throw new AvroSerdeException(topic, Reason.TRUNCATED,
          bytes.length + " bytes, fewer than the 5-byte Confluent header");
    }
    if (bytes[0] != MAGIC) {
      throw new AvroSerdeException(topic, Reason.WRONG_MAGIC_BYTE,
          String.format("first byte is 0x%02x, expected 0x00 (Confluent wire format)", bytes[0]));
    }
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    DatumReader<T> reader = readersById.computeIfAbsent(id, i -> readerFor(topic, i));
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
    T record;
    try {
      record = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw Failures.decoding(topic, bytes.length, e);
    }
    try {
      if (!decoder.isEnd()) {
        throw new AvroSerdeException(topic, Reason.MALFORMED_PAYLOAD,
            "trailing bytes after the record written with schema id " + id + " (" + bytes.length
                + " bytes)");
      }
    } catch (IOException e) {
      throw Failures.decoding(topic, bytes.length, e);
    }
    return record;
  }

  private int schemaId(String topic, String subject) {
    try {
      if (config.useLatestVersion()) {
        RegisteredSchema latest = client.latest(subject);
        if (SchemaNormalization.parsingFingerprint64(latest.schema())
            != SchemaNormalization.parsingFingerprint64(schema)) {
          throw new AvroSerdeException(topic, Reason.SCHEMA_REJECTED,
              "use.latest.version is set but the latest version " + latest.version()
                  + " of subject '" + subject + "' (id " + latest.id() + ") is not the schema of "
                  + schema.getFullName() + " this producer writes");
        }
        return latest.id();
      }
      if (config.autoRegisterSchemas()) {
        return client.register(subject, schema);
      }
      return client.lookup(subject, schema).id();
    } catch (RegistryException e) {
      Reason reason = e.isTransient() ? Reason.REGISTRY_UNAVAILABLE : Reason.SCHEMA_REJECTED;
      throw new AvroSerdeException(topic, reason,
          "subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  private DatumReader<T> readerFor(String topic, int id) {
    Schema writerSchema;
    try {
      writerSchema = client.schemaById(id);
    } catch (RegistryException e) {
      Reason reason = e.isNotFound() ? Reason.UNKNOWN_SCHEMA_ID
          : e.isTransient() ? Reason.REGISTRY_UNAVAILABLE : Reason.MALFORMED_PAYLOAD;
      throw new AvroSerdeException(topic, reason,
          "schema id " + id + " (registry " + client.config().urls() + "): " + e.getMessage(), e);
    }
    var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema).getResult();
    if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new AvroSerdeException(topic, Reason.INCOMPATIBLE_SCHEMA,
          "writer schema id " + id + " (" + writerSchema.getFullName() + ") cannot be read as "
              + schema.getFullName() + ": " + result.getIncompatibilities());
    }
    return new SpecificDatumReader<>(writerSchema, schema, model);
  }
}
