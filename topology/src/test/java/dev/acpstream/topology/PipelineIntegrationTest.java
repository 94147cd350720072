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
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
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

  private static final SerdeConfig SERDES = SerdeConfig.singleObject();

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.start();
    Properties admin = new Properties();
    admin.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin a = Admin.create(admin)) {
      TopicAdmin.ensureTopics(a, TopicSettings.from(Map.<String, Object>of(TopicSettings.PARTITIONS, "2")));
    }
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

    TopologyConfig config = config("acp-it", Files.createTempDirectory("acp-it-state"));

    try (AcpStreamsApp app = new AcpStreamsApp(config, windows, new AffectBackbone()).start()) {
      waitUntilRunning(app.streams());
      try (KafkaProducer<String, AudioChunk> producer = producer(Topics.MEDIA_AUDIO_CHUNKS);
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
          readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "chaos-god:", expected.size(), Duration.ofSeconds(60));
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
          readCommitted(Topics.ERRORS_DEAD_LETTER, 1, Duration.ofSeconds(30));
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
    try (AcpStreamsApp first = new AcpStreamsApp(config("acp-restart", firstDir), probe, new AffectBackbone()).start();
        KafkaProducer<String, AudioChunk> producer = producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      waitUntilRunning(first.streams());
      for (AudioChunk c : chunks.subList(0, 65)) {
        producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
      }
      producer.flush();
      readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "restored:", 1, Duration.ofSeconds(60));
    }
    // The first instance is gone with its local state: the second must restore from the changelog.
    deleteRecursively(firstDir);
    try (AcpStreamsApp second = new AcpStreamsApp(
            config("acp-restart", Files.createTempDirectory("acp-it-b")), probe, new AffectBackbone()).start();
        KafkaProducer<String, AudioChunk> producer = producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      waitUntilRunning(second.streams());
      for (AudioChunk c : chunks.subList(65, chunks.size())) {
        producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
      }
      producer.flush();
      List<ConsumerRecord<String, MusicSegmentFeatures>> segments =
          readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "restored:", 2, Duration.ofSeconds(60));
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

  private static TopologyConfig config(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.setProperty(TopologyConfig.APPLICATION_ID, applicationId);
    props.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.setProperty(TopologyConfig.STATE_DIR, stateDir.toString());
    props.setProperty("commit.interval.ms", "200");
    // Kafka Streams does not leave the group on close; a short session lets the restarted
    // instance take the partitions over in seconds rather than 45 s.
    props.setProperty("consumer.session.timeout.ms", "6000");
    return TopologyConfig.from(props, Map.of());
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

  private static <V> KafkaProducer<String, V> producer(TopicSpec<String, V> topic) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20),
        topic.keySerde(SERDES).serializer(), topic.valueSerde(SERDES).serializer());
  }

  private static <V> List<ConsumerRecord<String, V>> readCommitted(
      TopicSpec<String, V> topic, int count, Duration timeout) {
    return readCommitted(topic, "", count, timeout);
  }

  /** Reads the topic from the start with read_committed until {@code count} records whose key starts with {@code prefix}. */
  private static <V> List<ConsumerRecord<String, V>> readCommitted(
      TopicSpec<String, V> topic, String prefix, int count, Duration timeout) {
    Map<String, Object> c = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + java.util.UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(c,
        topic.keySerde(SERDES).deserializer(), topic.valueSerde(SERDES).deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key().startsWith(prefix)) {
            out.add(r);
          }
        }
      }
      // Anything more (a duplicate) would arrive with what was read; give it one more poll.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> {
        if (r.key().startsWith(prefix)) {
          out.add(r);
        }
      });
    }
    assertTrue(out.size() >= count, "read " + out.size() + " of " + count + " from " + topic.name());
    out.sort((x, y) -> x.key().compareTo(y.key()));
    return out;
  }

  private static void waitUntilRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(KafkaStreams.State.RUNNING, streams.state());
  }
}
