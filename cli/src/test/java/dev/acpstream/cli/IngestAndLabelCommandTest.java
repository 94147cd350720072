package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code acp ingest} and {@code acp label} against the real embedded broker. */
class IngestAndLabelCommandTest {

  private static final Path SAMPLES = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples");
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, TopicSettings.from(Map.of(TopicSettings.PARTITIONS, "1")));
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run acp(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void ingestImagesSendsEachImageWithProgressAndNamesTheOneThatIsNot(@TempDir Path dir) throws Exception {
    Files.copy(SAMPLES.resolve("images/Autumn.jpg"), dir.resolve("Autumn.jpg"));
    Files.copy(SAMPLES.resolve("images/Kite.jpg"), dir.resolve("Kite.jpg"));
    Files.writeString(dir.resolve("fake.png"), "not a picture");
    Run r = acp("ingest", "images", dir.toString(), "-b", kafka.bootstrapServers(), "--pairing-key", "room");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("[##############################] 100% 3/3 images"), r.out());
    assertTrue(r.out().contains("Summary: 2 sent"), r.out());
    assertTrue(r.out().contains("1 failed"), r.out());
    assertTrue(r.err().contains("fake.png: not an image acp-stream reads"), r.err());
    assertTrue(r.err().contains("look like text"), r.err());

    List<ConsumerRecord<String, ImageUpload>> sent = readAll(Topics.MEDIA_IMAGES);
    assertEquals(List.of("image:Autumn.jpg", "image:Kite.jpg"), sent.stream().map(ConsumerRecord::key).sorted().toList());
    assertEquals("room", sent.get(0).value().getPairingKey());
  }

  @Test
  void ingestAudioStreamsChunksPacedWhenRealtimeWithProgressAndASummary(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("tone.wav"), toneWav(1.5, 8000));
    long t0 = System.nanoTime();
    Run r = acp("ingest", "audio", dir.resolve("tone.wav").toString(), "-b", kafka.bootstrapServers(),
        "--chunk-ms", "250", "--realtime", "--speed", "1", "--id-prefix", "rt:");
    double took = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(took >= 1.4, "paced like a live source: " + took + " s for 1.5 s of audio");
    assertTrue(r.out().contains("100% 1.5/1.5 s tone.wav (1/1)"), r.out());
    assertTrue(r.out().contains("tone.wav -> rt:tone.wav: 1.5 s (") && r.out().contains("as 6 chunks, 1 segment(s) to come"),
        r.out());
    assertTrue(r.out().contains("Summary: 1 song(s) sent, 1.5 s of audio in 6 chunks"), r.out());
    List<AudioChunk> chunks = readAll(Topics.MEDIA_AUDIO_CHUNKS).stream().filter(c -> c.key().equals("rt:tone.wav"))
        .map(ConsumerRecord::value).toList();
    assertEquals(6, chunks.size());
    assertEquals(8000 / 4 * 2, chunks.get(0).getData().remaining());
    assertTrue(chunks.get(5).getEndOfStream());
  }

  @Test
  void ingestRefusesBadInputNamingIt(@TempDir Path dir) throws Exception {
    Run missing = acp("ingest", "audio", dir.resolve("nope.mp3").toString(), "-b", kafka.bootstrapServers());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nope.mp3: no such file or directory"), missing.err());
    Run chunk = acp("ingest", "audio", dir.toString(), "--chunk-ms", "5", "-b", kafka.bootstrapServers());
    assertEquals(2, chunk.exit());
    assertTrue(chunk.err().contains("--chunk-ms must be 20..10000, got 5"), chunk.err());
    Files.writeString(dir.resolve("broken.mp3"), "ID3 but no audio at all");
    Files.write(dir.resolve("ok.wav"), toneWav(0.5, 8000));
    Run broken = acp("ingest", "audio", dir.toString(), "-b", kafka.bootstrapServers(), "--id-prefix", "bad-dir:");
    assertEquals(1, broken.exit(), broken.out() + broken.err());
    assertTrue(broken.err().contains("broken.mp3"), broken.err());
    assertTrue(broken.out().contains("Summary: 1 song(s) sent"), broken.out());
    Run empty = acp("ingest", "images", Files.createDirectories(dir.resolve("empty")).toString(), "-b", kafka.bootstrapServers());
    assertEquals(2, empty.exit());
    assertTrue(empty.err().contains("no image files"), empty.err());
  }

  @Test
  void labelSendsItemLabelsPairsAndCsvLinesAndNamesBadLines(@TempDir Path dir) throws Exception {
    Run one = acp("label", "image:Autumn.jpg", "--kind", "image", "--label", "Positive", "--scheme", "3class",
        "-b", kafka.bootstrapServers(), "--source", "tester");
    assertEquals(0, one.exit(), one.err());
    assertTrue(one.out().contains("Labelled image image:Autumn.jpg as positive (3class)"), one.out());

    Run pair = acp("label", "--pair", "image:Autumn.jpg", "track:x.mp3:0", "--corresponds", "true",
        "-b", kafka.bootstrapServers());
    assertEquals(0, pair.exit(), pair.err());
    LabeledPair p = readAll(Topics.PAIRS_LABELED).get(0).value();
    assertTrue(p.getCorresponds());

    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "itemId,kind,label,scheme\n# a comment\ntrack:a.mp3,music,Q2,4q\nimage:b.jpg,image,awe,iaps8,me\n"
        + "image:c.jpg,image,joy,iaps8\nonly,three,fields\n");
    Run bulk = acp("label", "--csv", csv.toString(), "-b", kafka.bootstrapServers());
    assertEquals(1, bulk.exit(), bulk.out() + bulk.err());
    assertTrue(bulk.out().contains("Summary: 2 label(s) sent to labels.media, 2 line(s) failed"), bulk.out());
    assertTrue(bulk.err().contains("labels.csv:5: 'joy' is not a class of scheme iaps8"), bulk.err());
    assertTrue(bulk.err().contains("labels.csv:6: expected itemId,kind,label,scheme[,source]"), bulk.err());

    List<MediaLabel> labels = readAll(Topics.LABELS_MEDIA).stream().map(ConsumerRecord::value).toList();
    assertEquals(3, labels.size());
    assertEquals(ItemKind.MUSIC, labels.get(1).getItemKind());
    assertEquals("me", labels.get(2).getSource());

    Run badScheme = acp("label", "x", "--kind", "music", "--label", "Q1", "--scheme", "moods", "-b", kafka.bootstrapServers());
    assertEquals(2, badScheme.exit());
    assertTrue(badScheme.err().contains("unknown scheme 'moods'"), badScheme.err());
    Run noMode = acp("label", "-b", kafka.bootstrapServers());
    assertEquals(2, noMode.exit());
  }

  private static <V> List<ConsumerRecord<String, V>> readAll(TopicSpec<String, V> topic) {
    var values = topic.valueSerde(SerdeConfig.singleObject()).deserializer();
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), values.deserialize(r.topic(), r.value())));
        }
      }
    }
    return out;
  }

  static byte[] toneWav(double seconds, int rate) {
    int n = (int) Math.round(seconds * rate);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      b.putShort((short) Math.round(9000 * Math.sin(2 * Math.PI * 330.0 * i / rate)));
    }
    return b.array();
  }
}
