package dev.acpstream.schemas;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.serde.AvroSerdeException;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded fuzz of every topic's value deserializer (single-object encoding): random
 * bytes, and each topic's sample record with bytes flipped, truncated or extended. Each input
 * decodes or fails with {@link AvroSerdeException} (the type the dead-letter handler maps to a
 * reason); never another exception, an Error, or a runaway allocation.
 */
class SerdeFuzzTest {

  private static final int MUTANTS = 300;

  @Test
  @SuppressWarnings("unchecked")
  void everyValueDeserializerFailsOnlyWithAvroSerdeException() {
    SerdeConfig serdes = SerdeConfig.singleObject();
    SplittableRandom rng = new SplittableRandom(7);
    int decoded = 0;
    int refused = 0;
    for (Map.Entry<String, SpecificRecord> e : Samples.byTopic().entrySet()) {
      TopicSpec<String, SpecificRecord> topic = (TopicSpec<String, SpecificRecord>) Topics.byName(e.getKey());
      Serializer<SpecificRecord> ser = topic.valueSerde(serdes).serializer();
      Deserializer<SpecificRecord> de = topic.valueSerde(serdes).deserializer();
      byte[] good = ser.serialize(topic.name(), e.getValue());
      assertNotNull(de.deserialize(topic.name(), good));
      for (int m = 0; m < MUTANTS; m++) {
        byte[] b = mutate(good, m, rng);
        try {
          de.deserialize(topic.name(), b);
          decoded++;
        } catch (AvroSerdeException expected) {
          assertNotNull(expected.reason(), topic.name() + ": a refusal carries its reason");
          refused++;
        } catch (RuntimeException | Error crash) {
          throw new AssertionError(topic.name() + " mutant " + m + " (" + b.length + " bytes) crashed: " + crash, crash);
        }
      }
    }
    assertTrue(refused > 0 && decoded > 0, "both outcomes reached: " + decoded + " decoded, " + refused + " refused");
  }

  private static byte[] mutate(byte[] good, int m, SplittableRandom rng) {
    byte[] b = good.clone();
    switch (m % 5) {
      case 0 -> {
        b = new byte[rng.nextInt(64)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
      }
      case 1 -> b[10 + rng.nextInt(Math.max(1, b.length - 10))] = (byte) rng.nextInt(256);
      case 2 -> b = java.util.Arrays.copyOf(b, rng.nextInt(b.length));
      case 3 -> {
        // Avro lengths are zig-zag varints: a flipped high bit claims a huge array or string.
        int i = 10 + rng.nextInt(Math.max(1, b.length - 10));
        b[i] = (byte) (b[i] | 0x80);
      }
      default -> {
        b = java.util.Arrays.copyOf(b, b.length + 1 + rng.nextInt(32));
        for (int i = good.length; i < b.length; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
      }
    }
    return b;
  }
}
