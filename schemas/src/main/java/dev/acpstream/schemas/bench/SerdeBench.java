package dev.acpstream.schemas.bench;

import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serialize + deserialize throughput of the catalog serdes for the pipeline's hot records, in
 * one thread: {@code java -cp ... dev.acpstream.schemas.bench.SerdeBench [seconds]
 * [schema.registry.url]} (with a URL it measures the Confluent wire format; the schema id is
 * cached after the first record, so this is serde cost, not registry cost).
 */
public final class SerdeBench {

  /** One measured record type. */
  public record Result(String topic, String mode, int bytesPerRecord, double recordsPerSecond) {
    public double mibPerSecond() {
      return recordsPerSecond * bytesPerRecord / (1024.0 * 1024.0);
    }
  }

  private SerdeBench() {}

  public static void main(String[] args) {
    Duration each = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
    SerdeConfig config = args.length > 1
        ? SerdeConfig.from(Map.of("schema.registry.url", args[1])) : SerdeConfig.singleObject();
    run(config, each, System.out);
  }

  public static List<Result> run(SerdeConfig config, Duration each, PrintStream out) {
    String mode = config.registryMode() ? "confluent" : "single-object";
    List<Result> results = new ArrayList<>();
    results.add(measure(Topics.MEDIA_AUDIO_CHUNKS, chunk(), config, mode, each));
    results.add(measure(Topics.FEATURES_MUSIC_SEGMENT, segment(), config, mode, each));
    results.add(measure(Topics.EMBEDDINGS_MUSIC, embedding(), config, mode, each));
    out.printf("%-24s %-14s %10s %14s %10s%n", "topic", "mode", "bytes/rec", "records/s", "MiB/s");
    for (Result r : results) {
      out.printf("%-24s %-14s %10d %14.0f %10.1f%n", r.topic(), r.mode(), r.bytesPerRecord(),
          r.recordsPerSecond(), r.mibPerSecond());
    }
    return results;
  }

  private static <V> Result measure(TopicSpec<String, V> spec, V record, SerdeConfig config,
      String mode, Duration each) {
    Serde<V> serde = spec.valueSerde(config);
    String topic = spec.name();
    int size = serde.serializer().serialize(topic, record).length;
    loop(serde, topic, record, each.dividedBy(3)); // warm-up: JIT and caches
    long n = 0;
    long start = System.nanoTime();
    long end = start + each.toNanos();
    while (System.nanoTime() < end) {
      n += loop(serde, topic, record, null);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(topic, mode, size, n / seconds);
  }

  /** 256 round trips, or as many as fit in {@code budget} when given. */
  private static <V> long loop(Serde<V> serde, String topic, V record, Duration budget) {
    long n = 0;
    long end = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
    do {
      for (int i = 0; i < 256; i++) {
        V back = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record));
        if (back == null) {
          throw new IllegalStateException("round trip lost the record");
        }
      }
      n += 256;
    } while (budget != null && System.nanoTime() < end);
    return n;
  }

  private static AudioChunk chunk() {
    byte[] pcm = new byte[64 * 1024];
    new Random(1).nextBytes(pcm);
    return AudioChunk.newBuilder().setTrackId("track-1").setSeq(0L)
        .setEncoding(AudioEncoding.PCM_S16LE).setSampleRate(22050).setChannels(1)
        .setData(ByteBuffer.wrap(pcm)).setEndOfStream(false).setProducedAt(Instant.now()).build();
  }

  private static MusicSegmentFeatures segment() {
    return MusicSegmentFeatures.newBuilder().setTrackId("track-1").setSegmentIndex(0)
        .setStartSeconds(0).setDurationSeconds(10).setWindows(431).setPartial(false)
        .setFeatures(floats(193)).setExtractedAt(Instant.now()).build();
  }

  private static Embedding embedding() {
    return Embedding.newBuilder().setItemId("track-1").setKind(ItemKind.MUSIC)
        .setModelVersion("v1").setVector(floats(1024)).setSourceTimestamp(Instant.now()).build();
  }

  private static List<Float> floats(int n) {
    Random r = new Random(2);
    List<Float> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.nextFloat());
    }
    return out;
  }
}
