package dev.acpstream.web;

import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the web server is set up.
 *
 * @param host address to listen on ("127.0.0.1" keeps it local)
 * @param port port to listen on; 0 picks a free one
 * @param bootstrapServers the Kafka cluster the producers and the pipeline watcher use
 * @param serdes how records are encoded (single-object or schema registry)
 * @param maxImageBytes largest accepted image upload; larger ones get 413
 * @param maxAudioBytes largest accepted audio file upload; larger ones get 413
 * @param maxChunkBytes largest accepted raw PCM chunk body (the topology's own limit is
 *     {@code acp.audio.chunk.max.bytes}); larger ones get 413
 * @param mediaDir where uploaded images and songs are kept, so the page can show them and play
 *     the matched segment
 * @param reportsDir where training reports (PNG plots) are read from; null for none
 * @param sendTimeout how long a request waits for Kafka to acknowledge what it produced
 * @param kafkaSecurity the Kafka client security settings ({@code security.protocol}, {@code
 *     ssl.*}, {@code sasl.*}) every client of the web server connects with; empty for PLAINTEXT
 */
public record WebConfig(String host, int port, String bootstrapServers, SerdeConfig serdes,
    long maxImageBytes, long maxAudioBytes, int maxChunkBytes, Path mediaDir, Path reportsDir,
    Duration sendTimeout, Map<String, Object> kafkaSecurity) {

  public static final long DEFAULT_MAX_IMAGE_BYTES = 16L << 20;
  public static final long DEFAULT_MAX_AUDIO_BYTES = 64L << 20;
  public static final int DEFAULT_MAX_CHUNK_BYTES = 1 << 20;

  public WebConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (maxImageBytes < 1 || maxAudioBytes < 1 || maxChunkBytes < 1) {
      throw new IllegalArgumentException("upload limits must be positive");
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required");
    }
    kafkaSecurity = Map.copyOf(KafkaClientSecurity.of(kafkaSecurity));
  }

  /** What a Kafka client of the web server is given: the bootstrap servers and the security settings. */
  public Map<String, Object> kafkaConnection() {
    Map<String, Object> c = new HashMap<>(kafkaSecurity);
    c.put("bootstrap.servers", bootstrapServers);
    return c;
  }

  /** Local defaults: 127.0.0.1, single-object encoding, 16 MB images, 64 MB songs, 1 MB chunks. */
  public static WebConfig local(String bootstrapServers, int port, Path mediaDir) {
    return new WebConfig("127.0.0.1", port, bootstrapServers, SerdeConfig.singleObject(),
        DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_AUDIO_BYTES, DEFAULT_MAX_CHUNK_BYTES, mediaDir, null,
        Duration.ofSeconds(30), Map.of());
  }

  public WebConfig withHost(String h) {
    return new WebConfig(h, port, bootstrapServers, serdes, maxImageBytes, maxAudioBytes, maxChunkBytes,
        mediaDir, reportsDir, sendTimeout, kafkaSecurity);
  }

  public WebConfig withLimits(long images, long audio, int chunk) {
    return new WebConfig(host, port, bootstrapServers, serdes, images, audio, chunk, mediaDir, reportsDir,
        sendTimeout, kafkaSecurity);
  }

  public WebConfig withReportsDir(Path dir) {
    return new WebConfig(host, port, bootstrapServers, serdes, maxImageBytes, maxAudioBytes, maxChunkBytes,
        mediaDir, dir, sendTimeout, kafkaSecurity);
  }

  public WebConfig withSerdes(SerdeConfig s) {
    return new WebConfig(host, port, bootstrapServers, s, maxImageBytes, maxAudioBytes, maxChunkBytes,
        mediaDir, reportsDir, sendTimeout, kafkaSecurity);
  }

  /** The same with {@code settings}' Kafka security keys (others are ignored). */
  public WebConfig withKafkaSecurity(Map<?, ?> settings) {
    return new WebConfig(host, port, bootstrapServers, serdes, maxImageBytes, maxAudioBytes, maxChunkBytes,
        mediaDir, reportsDir, sendTimeout, KafkaClientSecurity.of(settings));
  }
}
