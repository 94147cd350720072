package dev.acpstream.web;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Songs uploaded through the API, streamed to Kafka in the background (paced like a live source
 * when asked), and how far each has got: the live view is watched while one streams.
 */
final class AudioStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AudioStreams.class);
  private static final int KEPT = 100;

  /** A stream's state as the API reports it. */
  record Status(String trackId, String pairingKey, String state, double secondsSent, double secondsTotal,
      int chunks, Integer expectedSegments, String error) {}

  private final MediaProducers producers;
  private final WebMetrics metrics;
  private final ExecutorService pool;
  private final Map<String, Status> streams = new LinkedHashMap<>();

  AudioStreams(MediaProducers producers, WebMetrics metrics, int concurrent) {
    this.producers = producers;
    this.metrics = metrics;
    this.pool = Executors.newFixedThreadPool(concurrent, r -> {
      Thread t = new Thread(r, "acp-web-audio-stream");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts streaming {@code song}; the status says how it goes. */
  Status start(Path song, String trackId, String pairingKey, int chunkMs, double speed) {
    AudioChunkSender sender = new AudioChunkSender(producers, AudioEncoding.PCM_S16LE, chunkMs, speed,
        DecodeLimits.DEFAULT);
    Status s = put(new Status(trackId, pairingKey, "queued", 0, 0, 0, null, null));
    pool.submit(() -> {
      try {
        AudioChunkSender.Track t = sender.send(song, trackId, pairingKey,
            (sent, total) -> put(new Status(trackId, pairingKey, "streaming", sent, total, 0, null, null)));
        metrics.countProduced("media.audio-chunks", t.chunks());
        put(new Status(trackId, pairingKey, "done", t.seconds(), t.seconds(), t.chunks(),
            t.expectedSegments().size(), null));
      } catch (InterruptedException e) {
        put(new Status(trackId, pairingKey, "stopped", 0, 0, 0, null, "the server stopped"));
      } catch (Exception e) {
        LOG.warn("streaming {} failed: {}", trackId, e.getMessage());
        put(new Status(trackId, pairingKey, "failed", 0, 0, 0, null, e.getMessage()));
      }
    });
    return s;
  }

  synchronized Status status(String trackId) {
    return streams.get(trackId);
  }

  synchronized List<Status> all() {
    return List.copyOf(streams.values());
  }

  private synchronized Status put(Status s) {
    streams.remove(s.trackId());
    streams.put(s.trackId(), s);
    while (streams.size() > KEPT) {
      streams.remove(streams.keySet().iterator().next());
    }
    return s;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
