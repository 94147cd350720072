package dev.acpstream.web;

import dev.acpstream.core.audio.AudioDecodeException;
import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.AudioStreamInfo;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.Resampler;
import dev.acpstream.core.audio.SegmentPlan;
import dev.acpstream.schemas.PcmChunks;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Streams a song to {@code media.audio-chunks} as the live topology reads it: decoded here with
 * core's pure-Java decoders to mono PCM at the file's own rate (a compressed stream split across
 * records could not be decoded restart-safely), in chunks of {@code chunkMs}, {@code seq} from 0,
 * the last one marked end of stream. Memory stays at two chunks whatever the song's length.
 * Optionally paced like a live source, so the live view can be watched while it streams.
 */
public final class AudioChunkSender {

  /** What was sent for one song, and the segments the topology will emit for it. */
  public record Track(String trackId, Path file, AudioStreamInfo source, long samples, int chunks,
      List<SegmentPlan.Segment> expectedSegments) {

    public double seconds() {
      return (double) samples / source.sampleRate();
    }
  }

  /** Told after every chunk: how much of the song has been sent. */
  @FunctionalInterface
  public interface Progress {
    void sent(double secondsSent, double secondsTotal);
  }

  public static final int MIN_CHUNK_MS = 20;
  public static final int MAX_CHUNK_MS = 10_000;

  private final MediaProducers producers;
  private final AudioEncoding encoding;
  private final int chunkMs;
  private final double speed;
  private final DecodeLimits limits;

  /**
   * @param encoding PCM_S16LE (half the bytes) or PCM_F32LE (exact)
   * @param chunkMs audio per chunk, in milliseconds
   * @param speed 0 sends as fast as Kafka takes it; 1 paces chunks in real time; 10 ten times faster
   */
  public AudioChunkSender(MediaProducers producers, AudioEncoding encoding, int chunkMs, double speed,
      DecodeLimits limits) {
    if (encoding != AudioEncoding.PCM_S16LE && encoding != AudioEncoding.PCM_F32LE) {
      throw new IllegalArgumentException("audio is sent as PCM_S16LE or PCM_F32LE, not " + encoding);
    }
    if (chunkMs < MIN_CHUNK_MS || chunkMs > MAX_CHUNK_MS) {
      throw new IllegalArgumentException("chunk length must be " + MIN_CHUNK_MS + ".." + MAX_CHUNK_MS
          + " ms, got " + chunkMs);
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be >= 0 (0: as fast as possible), got " + speed);
    }
    this.producers = producers;
    this.encoding = encoding;
    this.chunkMs = chunkMs;
    this.speed = speed;
    this.limits = limits;
  }

  /**
   * Reads the header only: fails now, naming the file, when it cannot be decoded or converted.
   */
  public static AudioStreamInfo probe(Path file, DecodeLimits limits) throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(file, limits)) {
      AudioStreamInfo info = decoder.info();
      resampler(file, info.sampleRate());
      return info;
    }
  }

  /**
   * Decodes {@code file} and sends it, waiting until Kafka acknowledged every chunk.
   *
   * @throws IOException naming the file when it cannot be decoded, or the topic when sending failed
   */
  public Track send(Path file, String trackId, String pairingKey, Progress progress)
      throws IOException, InterruptedException {
    try (AudioDecoder decoder = AudioDecoders.open(file, limits)) {
      AudioStreamInfo info = decoder.info();
      int rate = info.sampleRate();
      // The topology converts with core's Resampler; refuse here what it would dead-letter.
      Resampler toModelRate = resampler(file, rate);
      int perChunk = Math.max(1, (int) ((long) rate * chunkMs / 1000));
      double total = info.declaredFrames() > 0 ? (double) info.declaredFrames() / rate : Double.NaN;
      float[] pending = new float[perChunk];
      int pendingLength = fill(decoder, pending);
      if (pendingLength == 0) {
        throw new AudioDecodeException(file.toString(), "no audio samples (" + info.codec() + " stream is empty)");
      }
      long samples = pendingLength;
      long seq = 0;
      long start = System.nanoTime();
      List<Future<RecordMetadata>> inFlight = new ArrayList<>();
      float[] next = new float[perChunk];
      while (true) {
        int nextLength = fill(decoder, next);
        samples += nextLength;
        boolean last = nextLength == 0;
        // A live source has a chunk only once its last sample was heard.
        pace(start, (double) (samples - nextLength) / rate);
        inFlight.add(producers.sendAsync(Topics.MEDIA_AUDIO_CHUNKS, trackId,
            chunk(trackId, pairingKey, seq++, rate, pending, pendingLength, last)));
        if (inFlight.size() >= 64) {
          awaitAll(trackId, inFlight);
        }
        if (progress != null) {
          double sent = (double) (samples - nextLength) / rate;
          progress.sent(sent, Double.isNaN(total) ? Math.max(sent, (double) samples / rate) : Math.max(total, sent));
        }
        if (last) {
          break;
        }
        float[] t = pending;
        pending = next;
        next = t;
        pendingLength = nextLength;
      }
      awaitAll(trackId, inFlight);
      return new Track(trackId, file, info, samples, (int) seq, SegmentPlan.of(toModelRate.outputLength(samples)));
    }
  }

  /** Sleeps until {@code audioSeconds} of the song are due, at the configured speed. */
  private void pace(long startNanos, double audioSeconds) throws InterruptedException {
    if (speed <= 0) {
      return;
    }
    long due = startNanos + (long) (audioSeconds / speed * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void awaitAll(String trackId, List<Future<RecordMetadata>> inFlight) {
    producers.flush();
    for (Future<RecordMetadata> f : inFlight) {
      producers.await(Topics.MEDIA_AUDIO_CHUNKS, trackId, f);
    }
    inFlight.clear();
  }

  private AudioChunk chunk(String trackId, String pairingKey, long seq, int rate, float[] mono, int n, boolean last) {
    return PcmChunks.chunk(trackId, pairingKey, seq, encoding, rate, mono, n, last);
  }

  private static int fill(AudioDecoder decoder, float[] dst) throws IOException {
    int n = 0;
    while (n < dst.length) {
      int r = decoder.read(dst, n, dst.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }

  private static Resampler resampler(Path file, int rate) throws AudioDecodeException {
    try {
      return new Resampler(rate, MusicFeatures193.SAMPLE_RATE);
    } catch (IllegalArgumentException e) {
      throw new AudioDecodeException(file.toString(), "sample rate " + rate + " Hz cannot be converted to "
          + MusicFeatures193.SAMPLE_RATE + " Hz: " + e.getMessage());
    }
  }
}
