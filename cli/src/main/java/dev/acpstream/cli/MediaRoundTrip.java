package dev.acpstream.cli;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends media files through {@code media.images} and {@code media.audio-chunks} in one
 * transaction and reads them back with read_committed, proving every byte arrives intact.
 */
final class MediaRoundTrip {

  /** What came back for one file: how many records and whether its SHA-256 matched. */
  record Outcome(String id, String topic, int records, long bytes, boolean intact) {}

  private final String bootstrapServers;
  private final SerdeConfig serdes;
  private final int chunkBytes;
  private final PrintWriter out;

  MediaRoundTrip(String bootstrapServers, SerdeConfig serdes, int chunkBytes, PrintWriter out) {
    this.bootstrapServers = bootstrapServers;
    this.serdes = serdes;
    this.chunkBytes = chunkBytes;
    this.out = out;
  }

  List<Outcome> run(List<Path> images, List<Path> audio, Duration timeout) throws IOException {
    Map<String, byte[]> sent = new LinkedHashMap<>();
    int expectedRecords = send(images, audio, sent);
    return verify(sent, expectedRecords, timeout);
  }

  private int send(List<Path> images, List<Path> audio, Map<String, byte[]> sent) throws IOException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "acp-demo-ingest");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    int records = 0;
    try (KafkaProducer<String, ImageUpload> imageProducer = producer(p, Topics.MEDIA_IMAGES.keySerde(serdes).serializer(),
            Topics.MEDIA_IMAGES.valueSerde(serdes).serializer())) {
      imageProducer.initTransactions();
      imageProducer.beginTransaction();
      for (Path file : images) {
        byte[] data = Files.readAllBytes(file);
        String id = "image:" + file.getFileName();
        ImageUpload upload =
            ImageUpload.newBuilder()
                .setMediaId(id)
                .setPairingKey("demo")
                .setContentType(SampleMedia.contentType(file))
                .setContent(new InlineBytes(ByteBuffer.wrap(data)))
                .setUploadedAt(Instant.now())
                .build();
        imageProducer.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), id, upload));
        sent.put(id, data);
        records++;
      }
      imageProducer.commitTransaction();
    }
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "acp-demo-ingest-audio");
    try (KafkaProducer<String, AudioChunk> audioProducer = producer(p, Topics.MEDIA_AUDIO_CHUNKS.keySerde(serdes).serializer(),
            Topics.MEDIA_AUDIO_CHUNKS.valueSerde(serdes).serializer())) {
      audioProducer.initTransactions();
      audioProducer.beginTransaction();
      for (Path file : audio) {
        byte[] data = Files.readAllBytes(file);
        String trackId = "track:" + file.getFileName();
        AudioEncoding encoding = AudioEncoding.valueOf(SampleMedia.audioEncoding(file));
        int chunks = Math.max(1, (data.length + chunkBytes - 1) / chunkBytes);
        for (int seq = 0; seq < chunks; seq++) {
          int from = seq * chunkBytes;
          int to = Math.min(data.length, from + chunkBytes);
          AudioChunk chunk =
              AudioChunk.newBuilder()
                  .setTrackId(trackId)
                  .setPairingKey("demo")
                  .setSeq(seq)
                  .setEncoding(encoding)
                  .setSampleRate(0)
                  .setChannels(0)
                  .setData(ByteBuffer.wrap(data, from, to - from).slice())
                  .setEndOfStream(seq == chunks - 1)
                  .setProducedAt(Instant.now())
                  .build();
          audioProducer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), trackId, chunk));
          records++;
        }
        sent.put(trackId, data);
      }
      audioProducer.commitTransaction();
    }
    out.printf("sent %d images and %d tracks as %d records%n", images.size(), audio.size(), records);
    out.flush();
    return records;
  }

  private List<Outcome> verify(Map<String, byte[]> sent, int expectedRecords, Duration timeout) {
    Map<String, ByteArrayOutputStream> received = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, String> topics = new TreeMap<>();
    int seen = 0;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "acp-demo-verify");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(c, Topics.MEDIA_IMAGES.keySerde(serdes).deserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.MEDIA_IMAGES.name(), Topics.MEDIA_AUDIO_CHUNKS.name()));
      var images = Topics.MEDIA_IMAGES.valueSerde(serdes).deserializer();
      var chunks = Topics.MEDIA_AUDIO_CHUNKS.valueSerde(serdes).deserializer();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen < expectedRecords && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen++;
          counts.merge(r.key(), 1, Integer::sum);
          topics.put(r.key(), r.topic());
          ByteArrayOutputStream buf = received.computeIfAbsent(r.key(), k -> new ByteArrayOutputStream());
          if (r.topic().equals(Topics.MEDIA_IMAGES.name())) {
            ImageUpload upload = images.deserialize(r.topic(), r.value());
            buf.writeBytes(bytes(((InlineBytes) upload.getContent()).getData()));
          } else {
            // One partition per track keeps seq order, so concatenation restores the file.
            buf.writeBytes(bytes(chunks.deserialize(r.topic(), r.value()).getData()));
          }
        }
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : sent.entrySet()) {
      ByteArrayOutputStream got = received.get(e.getKey());
      byte[] back = got == null ? new byte[0] : got.toByteArray();
      outcomes.add(new Outcome(e.getKey(), topics.getOrDefault(e.getKey(), "(none)"),
          counts.getOrDefault(e.getKey(), 0), back.length, sha256(back).equals(sha256(e.getValue()))));
    }
    return outcomes;
  }

  private static <V> KafkaProducer<String, V> producer(Properties p,
      org.apache.kafka.common.serialization.Serializer<String> keys,
      org.apache.kafka.common.serialization.Serializer<V> values) {
    return new KafkaProducer<>(p, keys, values);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] a = new byte[d.remaining()];
    d.get(a);
    return a;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
