package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instance dies in the middle of a transaction (an Error inside the window extractor kills
 * its stream thread, the way an OOM would) while two tracks stream; a new instance takes over
 * from the committed state. Counted with read_committed: every (segment, photo) score and every
 * segment exactly once.
 */
class ExactlyOnceScoringTest {

  private static final long T0 = TestAudio.EPOCH_MS;
  private static BrokerFixture kafka;

  @BeforeAll
  static void broker() {
    kafka = BrokerFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The real test extractor, except that window number {@code crashAt} kills the thread. */
  private static final class CrashingWindows implements WindowFeatureExtractor {
    private final WindowFeatureExtractor real = new WindowingProbe();
    private final AtomicInteger calls = new AtomicInteger();
    private final int crashAt;

    CrashingWindows(int crashAt) {
      this.crashAt = crashAt;
    }

    @Override
    public float[] extract(float[] window) {
      if (calls.incrementAndGet() == crashAt) {
        throw new SimulatedCrash();
      }
      return real.extract(window);
    }
  }

  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash of the instance mid-transaction");
    }
  }

  @Test
  void anInstanceThatDiesMidStreamLosesAndDuplicatesNoScore() throws Exception {
    Path state = Files.createTempDirectory("acp-eos");
    List<AudioChunk> interleaved = new ArrayList<>();
    List<AudioChunk> a = TestAudio.chunks("eos-a", TestAudio.signal(75, 1));
    List<AudioChunk> b = TestAudio.chunks("eos-b", TestAudio.signal(75, 2));
    for (int i = 0; i < a.size(); i++) {
      interleaved.add(a.get(i));
      interleaved.add(b.get(i));
    }
    interleaved.forEach(c -> c.setPairingKey("eos"));
    try (KafkaProducer<String, AcpNetModel> models = kafka.producer(Topics.MODELS_ACPNET);
        KafkaProducer<String, ImageUpload> images = kafka.producer(Topics.MEDIA_IMAGES);
        KafkaProducer<String, AudioChunk> audio = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          TestModels.record(ModelRecords.CHAMPION, "v1", 1))).get();
      images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), "p1", TestImages.upload("p1", "eos", "Autumn.jpg", T0))).get();
      images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), "p2", TestImages.upload("p2", "eos", "Kite.jpg", T0))).get();

      // 26 windows in all (11 + 2 per track); the 17th is in the second segments' run-up.
      AcpStreamsApp first = new AcpStreamsApp(kafka.config("acp-eos", state), new CrashingWindows(17),
          new AffectBackbone());
      first.start();
      BrokerFixture.waitUntilRunning(first.streams());
      for (AudioChunk c : interleaved) {
        audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
      }
      audio.flush();
      BrokerFixture.waitFor(() -> first.streams().state() == KafkaStreams.State.ERROR
              || first.streams().state() == KafkaStreams.State.PENDING_ERROR,
          Duration.ofSeconds(90), "the instance to die");
      first.close();

      try (AcpStreamsApp second = new AcpStreamsApp(kafka.config("acp-eos", state), new WindowingProbe(),
          new AffectBackbone()).start()) {
        BrokerFixture.waitUntilRunning(second.streams());
        List<ConsumerRecord<String, MusicSegmentFeatures>> segments =
            kafka.readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "eos-", 4, Duration.ofSeconds(120));
        assertEquals(List.of("eos-a:0", "eos-a:1", "eos-b:0", "eos-b:1"),
            segments.stream().map(ConsumerRecord::key).toList(), "each segment exactly once");
        List<ConsumerRecord<String, CorrespondenceScore>> scores =
            kafka.readCommitted(Topics.SCORES_CORRESPONDENCE, "eos", 8, Duration.ofSeconds(120));
        Map<String, Integer> perPair = new TreeMap<>();
        scores.forEach(r -> perPair.merge(r.value().getMusicId() + ":" + r.value().getMusicSegmentIndex()
            + " x " + r.value().getImageId(), 1, Integer::sum));
        assertEquals(8, perPair.size(), "no pair lost: " + perPair.keySet());
        perPair.forEach((pair, n) -> assertEquals(1, n, pair + " scored " + n + " times"));
      }
    }
  }
}
