package dev.acpstream.schemas.serde;

/** One wire format for one record type; implementations are thread-safe (Streams shares serdes). */
interface AvroCodec<T> extends AutoCloseable {

  /** Never called with null (the serializer maps null to a null tombstone itself). */
  byte[] encode(String topic, T record);

  /** Never called with null; throws {@link AvroSerdeException} for bytes it cannot read. */
  T decode(String topic, byte[] bytes);

  @Override
  default void close() {}
}
