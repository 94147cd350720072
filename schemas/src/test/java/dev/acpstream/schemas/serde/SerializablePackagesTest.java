package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acpstream.schemas.Samples;
import dev.acpstream.schemas.avro.AudioChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Avro 1.12 refuses to load classes outside its trusted list unless {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} names their package; the serdes must work without it.
 */
class SerializablePackagesTest {

  @Test
  void plainSpecificReaderIsRefusedButTheSerdeReadsTheSameBytes() throws IOException {
    assumeTrue(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null,
        "org.apache.avro.SERIALIZABLE_PACKAGES is set in this JVM, so Avro's refusal cannot be shown");
    AudioChunk chunk = Samples.audioChunk();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AudioChunk.class).write(chunk, enc);
    enc.flush();
    byte[] body = out.toByteArray();

    // Avro already refuses when the plain reader looks up the record's class by name.
    SecurityException refused = assertThrows(SecurityException.class,
        () -> new SpecificDatumReader<AudioChunk>(AudioChunk.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(body, null)));
    assertTrue(refused.getMessage().contains("SERIALIZABLE_PACKAGES"), refused.getMessage());

    CatalogSpecificData model = new CatalogSpecificData(AudioChunk.class, AudioChunk.getClassSchema());
    SpecificDatumReader<AudioChunk> ours =
        new SpecificDatumReader<>(AudioChunk.getClassSchema(), AudioChunk.getClassSchema(), model);
    assertEquals(chunk, ours.read(null, DecoderFactory.get().binaryDecoder(body, null)));
  }
}
