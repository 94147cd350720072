package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scoring on a real in-process broker under exactly-once v2: sample photos and a streamed track
 * of one pairing key are scored pair by pair, every item gets its catalogue top-K, a model
 * published mid-stream scores the next segment, and the interactive queries answer.
 */
class ScoringIntegrationTest {

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

  @Test
  void photosAndATrackOfOneKeyAreScoredAndMatchedAndANewModelIsPickedUpMidStream() throws Exception {
    List<AudioChunk> chunks = TestAudio.chunks("live", TestAudio.signal(75, 5));
    try (KafkaProducer<String, AcpNetModel> models = kafka.producer(Topics.MODELS_ACPNET);
        KafkaProducer<String, ImageUpload> images = kafka.producer(Topics.MEDIA_IMAGES);
        KafkaProducer<String, AudioChunk> audio = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          TestModels.record(ModelRecords.CHAMPION, "v1", 1))).get();
      try (AcpStreamsApp app = new AcpStreamsApp(
          kafka.config("acp-scoring", Files.createTempDirectory("acp-scoring")), new WindowingProbe(),
          new AffectBackbone()).start()) {
        BrokerFixture.waitUntilRunning(app.streams());
        assertEquals("v1", app.queries().models().championVersion(), "restored before the first record");

        for (String photo : List.of("Autumn.jpg", "Kite.jpg", "Path.jpg")) {
          String id = photo.replace(".jpg", "");
          images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), id,
              TestImages.upload(id, "party", photo, T0))).get();
        }
        kafka.readCommitted(Topics.EMBEDDINGS_IMAGE, 3, Duration.ofSeconds(60));
        for (AudioChunk c : chunks.subList(0, 65)) {
          c.setPairingKey("party");
          audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
        }
        audio.flush();
        List<ConsumerRecord<String, CorrespondenceScore>> first =
            kafka.readCommitted(Topics.SCORES_CORRESPONDENCE, 3, Duration.ofSeconds(90));
        assertEquals(3, first.size(), "the first segment x the three photos");
        first.forEach(r -> assertEquals("v1", r.value().getModelVersion()));

        models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
            TestModels.record(ModelRecords.CHAMPION, "v2", 2))).get();
        BrokerFixture.waitFor(() -> "v2".equals(app.queries().models().championVersion()),
            Duration.ofSeconds(60), "v2 to be loaded");
        for (AudioChunk c : chunks.subList(65, chunks.size())) {
          c.setPairingKey("party");
          audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
        }
        audio.flush();

        List<ConsumerRecord<String, CorrespondenceScore>> all =
            kafka.readCommitted(Topics.SCORES_CORRESPONDENCE, 6, Duration.ofSeconds(90));
        assertEquals(6, all.size(), "each (segment, photo) pair exactly once");
        for (ConsumerRecord<String, CorrespondenceScore> r : all) {
          CorrespondenceScore s = r.value();
          assertEquals("party", r.key());
          assertEquals(s.getMusicSegmentIndex() == 0 ? "v1" : "v2", s.getModelVersion(),
              "segment " + s.getMusicSegmentIndex() + " is scored by the model in place when it ended");
          assertTrue(s.getProbability() >= 0f && s.getProbability() <= 1f);
          assertTrue(s.getLatencyMs() >= 0);
        }
        assertEquals(6, all.stream().map(r -> r.value().getImageId() + "/" + r.value().getMusicSegmentIndex())
            .distinct().count());

        List<ConsumerRecord<String, TopKMatches>> segmentLists =
            kafka.readCommitted(Topics.MATCHES_TOPK, "live:", 2, Duration.ofSeconds(60));
        for (ConsumerRecord<String, TopKMatches> r : segmentLists) {
          assertEquals(3, r.value().getMatches().size(), r.key() + " ranks the three photos");
        }
        kafka.readCommitted(Topics.EMBEDDINGS_MUSIC, "live:", 2, Duration.ofSeconds(30))
            .forEach(r -> assertEquals(193, ((Embedding) r.value()).getFeatures().size()));

        List<CorrespondenceScore> latest = app.queries().latestScores("party");
        assertEquals(6, latest.size());
        assertEquals(1, latest.get(0).getMusicSegmentIndex(), "newest first");
        BrokerFixture.waitFor(() -> app.queries().topK("live:1").isPresent(), Duration.ofSeconds(30),
            "the top-K store to catch up");
        assertEquals("v2", app.queries().topK("live:1").orElseThrow().getModelVersion());
      }
    }
  }
}
