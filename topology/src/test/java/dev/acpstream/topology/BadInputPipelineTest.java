package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.SegmentFeatures;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.model.ModelRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole topology on a real broker under exactly-once v2, fed good traffic (a sample song as
 * 1-s chunks and a photo under one pairing key, a published model) interleaved with the ten kinds
 * of bad input: each bad input yields a dead letter, read with read_committed, carrying its
 * reason, its source coordinates and a message naming the input, and the good song still comes
 * out as its segment features and its score, exactly once.
 */
class BadInputPipelineTest {

  private static final String PAIR = "good-pair";
  private static final long T0 = TestAudio.EPOCH_MS;
  /** Under 10 s: the song is one segment of one window, so the probe extractor keeps this fast. */
  private static final int SONG_SECONDS = 8;

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

  /** A dead letter the test expects: which reason, for which input, from where, saying what. */
  private record Expected(String reason, String key, Future<RecordMetadata> source, String says) {}

  @Test
  void eachKindOfBadInputIsDeadLetteredWithItsReasonWhileGoodTrafficFlows() throws Exception {
    float[] song = songSeconds(SONG_SECONDS);
    List<SegmentFeatures> offline =
        new MusicFeatureExtractor(new WindowingProbe(), DecodeLimits.DEFAULT).extract(song);
    List<AudioChunk> songChunks = TestAudio.chunks("song", song);
    songChunks.forEach(c -> c.setPairingKey(PAIR));
    byte[] photo = Files.readAllBytes(TestImages.PHOTOS.resolve("Kite.jpg"));

    TopologyConfig config = kafka.config("acp-bad-input", Files.createTempDirectory("acp-bad-input"), Map.of(
        TopologyConfig.BUFFER_MAX_CHUNKS, "2",
        TopologyConfig.SHORT_GAP_MAX_MS, "1500",
        TopologyConfig.MAX_CHUNK_BYTES, "100000"));
    List<Expected> expected = new ArrayList<>();
    try (KafkaProducer<String, AcpNetModel> models = kafka.producer(Topics.MODELS_ACPNET);
        KafkaProducer<String, ImageUpload> images = kafka.producer(Topics.MEDIA_IMAGES);
        KafkaProducer<String, AudioChunk> audio = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS);
        KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          TestModels.record(ModelRecords.CHAMPION, "v1", 1))).get();
      try (AcpStreamsApp app = new AcpStreamsApp(config, new WindowingProbe(), new AffectBackbone()).start()) {
        BrokerFixture.waitUntilRunning(app.streams());

        // 1. corrupt image, before and around the good photo
        expected.add(new Expected("CORRUPT_IMAGE", "corrupt",
            image(images, "corrupt", Arrays.copyOf(photo, photo.length / 3)), "image 'corrupt'"));
        image(images, "kite", photo);
        // 2. decompression bomb: a PNG header declaring 60000 x 60000 pixels
        expected.add(new Expected("IMAGE_TOO_LARGE", "bomb",
            image(images, "bomb", TestImages.pngHeader(60_000, 60_000)), "image 'bomb'"));

        for (AudioChunk c : songChunks.subList(0, 3)) {
          send(audio, c);
        }
        // 5. a duplicate: the song's chunk 2 again; the song must not change
        expected.add(new Expected("DUPLICATE_CHUNK", "song", send(audio, songChunks.get(2)),
            "track 'song' chunk 2: duplicate"));
        // 3. a sample rate that cannot be converted
        expected.add(new Expected("UNSUPPORTED_SAMPLE_RATE", "hum",
            send(audio, TestAudio.builder("hum", 0, new float[500], false).setSampleRate(500).build()),
            "track 'hum' chunk 0: sample rate 500 Hz"));
        // 7. NaN samples
        expected.add(new Expected("NON_FINITE_SAMPLES", "nan",
            send(audio, f32("nan", 1, 0.1f, Float.NaN, 0.2f)), "track 'nan' chunk 0: sample 1"));
        // 8. an oversize message: 1 s of stereo float32 is 176400 bytes, over the 100000 allowed
        expected.add(new Expected("OVERSIZE_CHUNK", "big",
            send(audio, f32("big", 2, new float[2 * TestAudio.RATE])), "track 'big' chunk 0: 176400 bytes"));
        // 9. an unknown schema: single-object bytes whose writer fingerprint no schema has
        byte[] ghost = serialized(TestAudio.chunk("ghost", 0, new float[50], false));
        for (int i = 2; i < 10; i++) {
          ghost[i] ^= (byte) 0xff;
        }
        expected.add(new Expected("UNKNOWN_FINGERPRINT", "ghost", raw(raw, "ghost", ghost),
            "topic '" + Topics.MEDIA_AUDIO_CHUNKS.name() + "'"));
        // 10. truncated Avro: the header and half a record
        byte[] whole = serialized(TestAudio.chunk("stub", 0, new float[50], false));
        expected.add(new Expected("TRUNCATED", "stub", raw(raw, "stub", Arrays.copyOf(whole, whole.length / 2)),
            "topic '" + Topics.MEDIA_AUDIO_CHUNKS.name() + "'"));

        // 4. out of order beyond the buffer (2 chunks): seq 1 comes after 2, 3 and 4
        List<AudioChunk> late = TestAudio.chunks("late", TestAudio.signal(6, 41));
        send(audio, late.get(0));
        send(audio, late.get(2));
        send(audio, late.get(3));
        expected.add(new Expected("GAP_FILLED", "late", send(audio, late.get(4)),
            "track 'late': seq 1 lost (the reorder buffer is full): filled with 1.000 s of silence"));
        expected.add(new Expected("OUT_OF_ORDER_BEYOND_BUFFER", "late", send(audio, late.get(1)),
            "track 'late' chunk 1: arrived after seq 1 was given up"));
        send(audio, late.get(5));

        // 6. gaps: seq 3 never comes (1 s, filled), nor seqs 7..9 (3 s, over 1.5 s: the segment is cut)
        List<AudioChunk> holey = TestAudio.chunks("holey", TestAudio.signal(13, 42));
        for (int seq : new int[] {0, 1, 2, 4, 5}) {
          send(audio, holey.get(seq));
        }
        expected.add(new Expected("GAP_FILLED", "holey", send(audio, holey.get(6)),
            "track 'holey': seq 3 lost (the reorder buffer is full): filled with 1.000 s of silence"));
        send(audio, holey.get(10));
        send(audio, holey.get(11));
        expected.add(new Expected("GAP_CUT_SEGMENT", "holey", send(audio, holey.get(12)),
            "track 'holey': seqs 7..9 lost (the reorder buffer is full): cut the segment: 3.000 s missing"));

        // The good song goes on after all of it.
        for (AudioChunk c : songChunks.subList(3, songChunks.size())) {
          send(audio, c);
        }
        audio.flush();

        List<ConsumerRecord<String, MusicSegmentFeatures>> segments =
            kafka.readCommitted(Topics.FEATURES_MUSIC_SEGMENT, "song:", 1, Duration.ofSeconds(60));
        assertEquals(1, segments.size(), "the song's one segment, exactly once");
        assertArrayEquals(offline.get(0).features(), floats(segments.get(0).value()),
            "the duplicate and the bad records around it changed nothing");
        List<ConsumerRecord<String, CorrespondenceScore>> scores =
            kafka.readCommitted(Topics.SCORES_CORRESPONDENCE, PAIR, 1, Duration.ofSeconds(60));
        assertEquals(1, scores.size(), "the song's segment x the photo, exactly once");
        assertEquals("kite", scores.get(0).value().getImageId());
        assertEquals("v1", scores.get(0).value().getModelVersion());

        List<ConsumerRecord<String, DeadLetter>> letters =
            kafka.readCommitted(Topics.ERRORS_DEAD_LETTER, expected.size(), Duration.ofSeconds(60));
        assertEquals(expected.size(), letters.size(), "one dead letter per bad input, no more: " + letters);
        for (Expected e : expected) {
          assertLetter(e, letters);
        }
      }
    }
  }

  private static void assertLetter(Expected e, List<ConsumerRecord<String, DeadLetter>> letters) throws Exception {
    RecordMetadata source = e.source().get();
    List<DeadLetter> found = letters.stream().map(ConsumerRecord::value)
        .filter(d -> d.getReason().equals(e.reason()) && e.key().equals(d.getKey())).toList();
    assertEquals(1, found.size(), e + " in " + letters);
    DeadLetter d = found.get(0);
    assertEquals(source.topic(), d.getSourceTopic(), d.toString());
    assertEquals(source.partition(), d.getSourcePartition(), d.toString());
    assertEquals(source.offset(), d.getSourceOffset(), d.toString());
    assertTrue(d.getErrorMessage().contains(e.says()), d.getErrorMessage());
    assertEquals("acp-bad-input", d.getService());
    if (e.reason().startsWith("GAP_")) {
      assertNull(d.getPayload(), "a gap is reported, not replayable: " + d);
    } else {
      assertInstanceOf(InlineBytes.class, d.getPayload(), "the bad record's bytes are kept: " + d);
    }
    boolean undecodable = e.reason().equals("UNKNOWN_FINGERPRINT") || e.reason().equals("TRUNCATED");
    assertEquals(undecodable ? "dev.acpstream.schemas.serde.AvroSerdeException"
        : "dev.acpstream.topology.errors.Rejection", d.getErrorClass());
  }

  private static Future<RecordMetadata> send(KafkaProducer<String, AudioChunk> audio, AudioChunk c) {
    return audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
  }

  private static Future<RecordMetadata> image(KafkaProducer<String, ImageUpload> images, String id, byte[] bytes) {
    ImageUpload upload = ImageUpload.newBuilder().setMediaId(id).setPairingKey(PAIR).setContentType("image/jpeg")
        .setContent(new InlineBytes(ByteBuffer.wrap(bytes))).setUploadedAt(Instant.ofEpochMilli(T0)).build();
    return images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), id, upload));
  }

  private static Future<RecordMetadata> raw(KafkaProducer<byte[], byte[]> raw, String key, byte[] value) {
    return raw.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), key.getBytes(StandardCharsets.UTF_8), value));
  }

  private static byte[] serialized(AudioChunk c) {
    return Topics.MEDIA_AUDIO_CHUNKS.valueSerde(BrokerFixture.SERDES).serializer()
        .serialize(Topics.MEDIA_AUDIO_CHUNKS.name(), c);
  }

  /** A float32 chunk 0 of {@code track} with interleaved {@code samples}. */
  private static AudioChunk f32(String track, int channels, float... samples) {
    ByteBuffer data = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      data.putFloat(s);
    }
    data.flip();
    return TestAudio.builder(track, 0, new float[0], false)
        .setEncoding(AudioEncoding.PCM_F32LE).setChannels(channels).setData(data).build();
  }

  private static float[] floats(MusicSegmentFeatures f) {
    float[] v = new float[f.getFeatures().size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = f.getFeatures().get(j);
    }
    return v;
  }

  /** The sample song's first seconds as the int16 the chunks carry (it is mono 22050 Hz already). */
  private static float[] songSeconds(int seconds) throws IOException {
    Path song = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples/audio/muldjord_chaos_god.mp3");
    float[] out = new float[seconds * TestAudio.RATE];
    try (AudioDecoder decoder = AudioDecoders.open(song, DecodeLimits.DEFAULT)) {
      assertEquals(TestAudio.RATE, decoder.info().sampleRate());
      int n = 0;
      while (n < out.length) {
        int r = decoder.read(out, n, out.length - n);
        assertTrue(r > 0, "the song is shorter than " + seconds + " s");
        n += r;
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(out[i] * 32768f))) / 32768f;
    }
    return out;
  }
}
