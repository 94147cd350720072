package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.SegmentFeatures;
import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topology on a real in-process KRaft broker under exactly-once v2: a sample song streamed as
 * 1-s PCM chunks yields, to a read_committed consumer, the same segment vectors as the file-form
 * extractor with the paper's real 193-d window features; an undecodable record becomes a
 * DeadLetter in the same transactions.
 */
class PipelineIntegrationTest {

  /**
   * 15 s of the song: one whole-clip segment of two windows. The real extractor (HPSS + CQT)
   * dominates: a few seconds per window on a loaded 2-core machine, paid live and offline.
   */
  private static final int CLIP_SECONDS = 15;

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
  void sampleSongStreamsToTheOfflineSegmentVectors() throws Exception {
    Path song = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples/audio/muldjord_chaos_god.mp3");
    float[] clip = firstSeconds(song, CLIP_SECONDS);
    // Chunks carry int16, so compare against exactly what the topology will decode.
    float[] pcm = new float[clip.length];
    for (int i = 0; i < clip.length; i++) {
      pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(clip[i] * 32768f))) / 32768f;
    }
    WindowFeatureExtractor windows = AcpStreamsApp.paperWindowFeatures();
    List<SegmentFeatures> expected = new MusicFeatureExtractor(windows, DecodeLimits.DEFAULT).extract(pcm);

    TopologyConfig config = kafka.config("acp-it", Files.createTempDirectory("acp-it-state"));

    try (AcpStreamsApp app = new AcpStreamsApp(config, windows, new AffectBackbone()).start()) {
      BrokerFixture.waitUntilRunning(app.streams());
      try (KafkaProducer<String, AudioChunk> producer = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS);
          KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new ByteArraySerializer(), new ByteArraySerializer())) {
        raw.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(),
            "junk".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
        for (AudioChunk c : TestAudio.chunks("chaos-god", pcm)) {
          producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
        }
        producer.flush();
      }

      List<ConsumerRecord<String, MusicSegmentFeatures>> segments =
          kafka.readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "chaos-god:", expected.size(), Duration.ofSeconds(60));
      assertEquals(expected.size(), segments.size());
      for (int i = 0; i < expected.size(); i++) {
        MusicSegmentFeatures got = segments.get(i).value();
        assertEquals("chaos-god:" + i, segments.get(i).key());
        assertEquals(expected.get(i).windows(), got.getWindows());
        assertEquals(expected.get(i).partial(), got.getPartial());
        float[] v = new float[got.getFeatures().size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = got.getFeatures().get(j);
        }
        assertArrayEquals(expected.get(i).features(), v, "the live vector equals the file form's");
      }
      List<ConsumerRecord<String, DeadLetter>> letters =
          kafka.readCommitted(Topics.ERRORS_DEAD_LETTER, 1, Duration.ofSeconds(30));
      assertEquals("WRONG_MAGIC_BYTE", letters.get(0).value().getReason());
      assertEquals("junk", letters.get(0).value().getKey());
      assertEquals(Topics.MEDIA_AUDIO_CHUNKS.name(), letters.get(0).key());
    }
}

  /** The song's first seconds, decoded without decoding the rest (it is mono 22050 Hz already). */
  private static float[] firstSeconds(Path song, int seconds) throws java.io.IOException {
    try (AudioDecoder decoder = AudioDecoders.open(song, DecodeLimits.DEFAULT)) {
      assertEquals(TestAudio.RATE, decoder.info().sampleRate());
      float[] out = new float[seconds * TestAudio.RATE];
      int n = 0;
      while (n < out.length) {
        int r = decoder.read(out, n, out.length - n);
        assertTrue(r > 0, "the song is shorter than " + seconds + " s");
        n += r;
      }
      return out;
    }
  }

  @Test
  void stateRestoredFromTheChangelogContinuesTheTrackExactly() throws Exception {
    float[] y = TestAudio.signal(75, 21);
    List<AudioChunk> chunks = TestAudio.chunks("restored", y);
    WindowFeatureExtractor probe = new WindowingProbe();
    List<SegmentFeatures> expected = new MusicFeatureExtractor(probe, DecodeLimits.DEFAULT).extract(y);
    Path firstDir = Files.createTempDirectory("acp-it-a");
    try (AcpStreamsApp first = new AcpStreamsApp(kafka.config("acp-restart", firstDir), probe, new AffectBackbone()).start();
        KafkaProducer<String, AudioChunk> producer = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      BrokerFixture.waitUntilRunning(first.streams());
      for (AudioChunk c : chunks.subList(0, 65)) {
        producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
      }
      producer.flush();
      kafka.readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "restored:", 1, Duration.ofSeconds(60));
    }
    // The first instance is gone with its local state: the second must restore from the changelog.
    deleteRecursively(firstDir);
    try (AcpStreamsApp second = new AcpStreamsApp(
            kafka.config("acp-restart", Files.createTempDirectory("acp-it-b")), probe, new AffectBackbone()).start();
        KafkaProducer<String, AudioChunk> producer = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      BrokerFixture.waitUntilRunning(second.streams());
      for (AudioChunk c : chunks.subList(65, chunks.size())) {
        producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
      }
      producer.flush();
      List<ConsumerRecord<String, MusicSegmentFeatures>> segments =
          kafka.readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "restored:", 2, Duration.ofSeconds(60));
      assertEquals(2, segments.size(), "each segment exactly once");
      for (int i = 0; i < 2; i++) {
        MusicSegmentFeatures got = segments.get(i).value();
        assertEquals(expected.get(i).partial(), got.getPartial());
        assertEquals(expected.get(i).windows(), got.getWindows());
        assertArrayEquals(expected.get(i).features(), floats(got),
            "segment " + i + " (its first windows were computed before the restart)");
      }
    }
  }

  private static float[] floats(MusicSegmentFeatures f) {
    float[] v = new float[f.getFeatures().size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = f.getFeatures().get(j);
    }
    return v;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

}
