package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad label becomes a dead letter naming the record and the reason, and the trainer
 * keeps going: undecodable bytes, an unknown class, an unknown scheme, no item id, a bad pair, and
 * an item whose features never arrive (after the label timeout). Labels whose features come
 * before or after them join.
 */
class TrainerDeadLetterIntegrationTest {

  private static final String APP = "acp-trainer-dlq";
  private static KafkaFixture kafka;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    kafka = new KafkaFixture();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void badLabelsAreDeadLetteredAndTheTrainerKeepsGoing() throws Exception {
    Properties props = kafka.trainerProps(APP, dir);
    props.setProperty(TrainerConfig.LABEL_TIMEOUT_MS, "1500");
    props.setProperty(TrainerConfig.RETRAIN_LABELS, "1000");
    // T: with too few labels per class, the timed run is skipped and says why.
    props.setProperty(TrainerConfig.RETRAIN_INTERVAL_MS, "2000");
    Random rng = new Random(3);
    try (TrainerService trainer = new TrainerService(TrainerConfig.from(props, Map.of())).start()) {
      kafka.send(Topics.FEATURES_IMAGE, List.of(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), "before",
          SyntheticMedia.image("before", EmotionClass.POSITIVE, rng))));
      kafka.send(Topics.LABELS_MEDIA, List.of(
          label("before", ItemKind.IMAGE, "positive", "3class"),
          label("after", ItemKind.MUSIC, "Q2", "4q"),
          label("sad-song", ItemKind.MUSIC, "ecstatic", "3class"),
          label("odd-scheme", ItemKind.IMAGE, "positive", "valence7"),
          label(" ", ItemKind.IMAGE, "neutral", "3class"),
          label("ghost", ItemKind.IMAGE, "negative", "3class")));
      try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.kafka.bootstrapServers()),
          new ByteArraySerializer(), new ByteArraySerializer())) {
        raw.send(new ProducerRecord<>(Topics.LABELS_MEDIA.name(), "junk".getBytes(StandardCharsets.UTF_8),
            "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
      }
      kafka.send(Topics.PAIRS_LABELED, List.of(new ProducerRecord<>(Topics.PAIRS_LABELED.name(), ":x",
          LabeledPair.newBuilder().setImageId("").setMusicId("x").setCorresponds(true).setSource("test").build())));
      // The music item's features come after its label, within the timeout.
      kafka.send(Topics.FEATURES_MUSIC_SEGMENT, SyntheticMedia.track("after", EmotionClass.NEGATIVE, rng).stream()
          .map(s -> new ProducerRecord<String, MusicSegmentFeatures>(Topics.FEATURES_MUSIC_SEGMENT.name(),
              "after:" + s.getSegmentIndex(), s)).toList());

      List<ConsumerRecord<String, DeadLetter>> letters = kafka.readAll(Topics.ERRORS_DEAD_LETTER,
          Duration.ofSeconds(60), got -> got.size() >= 6);
      Map<String, DeadLetter> byReason = new TreeMap<>();
      letters.forEach(r -> byReason.put(r.value().getReason().toString(), r.value()));
      assertEquals(List.of("MALFORMED_LABEL", "UNKNOWN_CLASS", "UNKNOWN_ITEM", "UNKNOWN_SCHEME", "WRONG_MAGIC_BYTE"),
          List.copyOf(byReason.keySet()), letters.toString());
      assertEquals(6, letters.size(), "blank item id and blank pair image id are both malformed: " + letters);
      for (ConsumerRecord<String, DeadLetter> r : letters) {
        assertEquals(APP, r.value().getService().toString());
        assertTrue(r.value().getSourceOffset() >= 0);
      }
      assertEquals(Topics.LABELS_MEDIA.name(), byReason.get("UNKNOWN_CLASS").getSourceTopic().toString());
      assertTrue(byReason.get("UNKNOWN_CLASS").getErrorMessage().toString().contains("ecstatic"));
      assertTrue(byReason.get("UNKNOWN_SCHEME").getErrorMessage().toString().contains("valence7"));
      assertTrue(byReason.get("UNKNOWN_ITEM").getErrorMessage().toString().contains("ghost"));
      assertEquals("junk", byReason.get("WRONG_MAGIC_BYTE").getKey().toString());
      // The payload is the rejected label itself, so it can be fixed and resent.
      MediaLabel rejected = Topics.LABELS_MEDIA.valueSerde(KafkaFixture.SERDES).deserializer()
          .deserialize(Topics.LABELS_MEDIA.name(), bytes(byReason.get("UNKNOWN_ITEM")));
      assertEquals("ghost", rejected.getItemId().toString());

      // The label before its features and the one after both joined; the trainer is still up.
      KafkaFixture.await("two ready labels", Duration.ofSeconds(30), () -> trainer.status().labelsReady() == 2);
      assertEquals(3, trainer.status().labelsSeen(), "before, after and ghost were valid labels");
      assertEquals(KafkaStreams.State.RUNNING, trainer.streams().state());
      KafkaFixture.await("a timed run", Duration.ofSeconds(30), () -> trainer.status().runs() >= 1);
      assertTrue(trainer.status().lastOutcome().startsWith("skipped: negative has 0 images"),
          trainer.status().lastOutcome());
      assertEquals(null, trainer.status().championVersion());
      kafka.send(Topics.FEATURES_IMAGE, List.of(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), "late",
          SyntheticMedia.image("late", EmotionClass.NEUTRAL, rng))));
      kafka.send(Topics.LABELS_MEDIA, List.of(label("late", ItemKind.IMAGE, "neutral", "3class")));
      KafkaFixture.await("a label after the bad ones", Duration.ofSeconds(30), () -> trainer.status().labelsReady() == 3);
    }
  }

  private static ProducerRecord<String, MediaLabel> label(String id, ItemKind kind, String label, String scheme) {
    return new ProducerRecord<>(Topics.LABELS_MEDIA.name(), id, SyntheticMedia.label(id, kind, label, scheme));
  }

  private static byte[] bytes(DeadLetter letter) {
    java.nio.ByteBuffer b = ((dev.acpstream.schemas.avro.InlineBytes) letter.getPayload()).getData().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
