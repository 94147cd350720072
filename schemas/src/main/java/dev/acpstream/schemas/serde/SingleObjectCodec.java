package dev.acpstream.schemas.serde;

import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint
 * (little endian), then the Avro binary body. Needs no registry; a reader knows the writer schema
 * when it is its own or one of the older versions it was given.
 */
final class SingleObjectCodec<T extends SpecificRecord> implements AvroCodec<T> {

  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  SingleObjectCodec(Class<T> type, Collection<Schema> olderWriterSchemas) {
    Schema schema = RecordTypes.schemaOf(type);
    CatalogSpecificData model = new CatalogSpecificData(type, schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    for (Schema older : olderWriterSchemas) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, older).getResult();
      if (result.getCompatibility()
          != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new IllegalArgumentException(
            type.getSimpleName() + " cannot read older writer schema: " + result.getIncompatibilities());
      }
      decoder.addSchema(older);
    }
  }

  @Override
  public byte[] encode(String topic, T record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(record, out);
    } catch (IOException | RuntimeException e) {
      throw new AvroSerdeException(topic, Reason.INVALID_RECORD, String.valueOf(e.getMessage()), e);
    }
    return out.toByteArray();
  }

  @Override
  public T decode(String topic, byte[] bytes) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    T record;
    try {
      record = decoder.decode(in, null);
    } catch (IOException | RuntimeException e) {
      throw Failures.decoding(topic, bytes.length, e);
    }
    if (in.available() > 0) {
      throw new AvroSerdeException(
          topic, Reason.MALFORMED_PAYLOAD,
          in.available() + " trailing bytes after the record (" + bytes.length + " bytes)");
    }
    return record;
  }
}
