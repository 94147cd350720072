package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acpstream.schemas.AvroTrust;
import dev.acpstream.schemas.Samples;
import dev.acpstream.schemas.avro.AudioChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Avro 1.12 refuses to load classes outside its trusted list unless {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} (or its API) trusts them. Each test starts from Avro's
 * default validator and puts back whatever was installed before.
 */
class SerializablePackagesTest {

  private ClassSecurityPredicate saved;

  @BeforeEach
  void startFromAvrosDefault() {
    assumeTrue(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null,
        "org.apache.avro.SERIALIZABLE_PACKAGES is set in this JVM, so Avro's refusal cannot be shown");
    saved = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);
  }

  @AfterEach
  void restore() {
    if (saved != null) {
      ClassSecurityValidator.setGlobal(saved);
    }
  }

  @Test
  void plainSpecificReaderIsRefusedButTheSerdeReadsTheSameBytes() throws IOException {
    AudioChunk chunk = Samples.audioChunk();
    byte[] body = plainBody(chunk);

    // Avro already refuses when the plain reader looks up the record's class by name.
    SecurityException refused = assertThrows(SecurityException.class,
        () -> new SpecificDatumReader<AudioChunk>(AudioChunk.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(body, null)));
    assertTrue(refused.getMessage().contains("SERIALIZABLE_PACKAGES"), refused.getMessage());
    // And so does the generated copy builder (deep copy of the AudioEncoding enum).
    assertThrows(SecurityException.class, () -> AudioChunk.newBuilder(chunk).build());

    CatalogSpecificData model = new CatalogSpecificData(AudioChunk.class, AudioChunk.getClassSchema());
    SpecificDatumReader<AudioChunk> ours =
        new SpecificDatumReader<>(AudioChunk.getClassSchema(), AudioChunk.getClassSchema(), model);
    assertEquals(chunk, ours.read(null, DecoderFactory.get().binaryDecoder(body, null)));
    AvroSerde<AudioChunk> serde = AvroSerde.forValue(AudioChunk.class, SerdeConfig.singleObject());
    assertEquals(chunk, serde.deserializer().deserialize("t", serde.serializer().serialize("t", chunk)));
  }

  @Test
  void avroTrustTrustsTheContractsAndNothingElse() throws IOException {
    AvroTrust.install();
    AvroTrust.install(); // idempotent
    AudioChunk chunk = Samples.audioChunk();
    assertEquals(chunk, AudioChunk.newBuilder(chunk).build());
    assertEquals(chunk, new SpecificDatumReader<AudioChunk>(AudioChunk.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(plainBody(chunk), null)));
    // A class outside the contracts is still refused.
    assertThrows(SecurityException.class,
        () -> ClassSecurityValidator.validate(java.util.concurrent.Executors.class));
    assertThrows(SecurityException.class, () -> ClassSecurityValidator.validate(SerdeConfig.class));
  }

  private static byte[] plainBody(AudioChunk chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AudioChunk.class).write(chunk, enc);
    enc.flush();
    return out.toByteArray();
  }
}
