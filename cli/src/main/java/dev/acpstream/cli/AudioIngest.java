package dev.acpstream.cli;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a song to {@code media.audio-chunks} the way a client must: the live topology reads raw
 * PCM only (a compressed stream split across records cannot be decoded restart-safely), so the
 * file is decoded here with core's pure-Java decoders to mono at its own rate and sent as 1-s
 * chunks, {@code seq} from 0, the last one marked end of stream. Memory stays at two chunks
 * whatever the song's length.
 */
final class AudioIngest {

  /** What was sent for one song, and the segments the topology will emit for it. */
  record Track(String trackId, Path file, AudioStreamInfo source, long samples, int chunks,
      List<SegmentPlan.Segment> expectedSegments) {

    double seconds() {
      return (double) samples / source.sampleRate();
    }
  }

  private final Producer<String, AudioChunk> producer;
  private final AudioEncoding encoding;
  private final DecodeLimits limits;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * @param encoding {@link AudioEncoding#PCM_S16LE} (half the bytes) or {@link AudioEncoding#PCM_F32LE} (exact)
   */
  AudioIngest(Producer<String, AudioChunk> producer, AudioEncoding encoding, DecodeLimits limits) {
    if (encoding != AudioEncoding.PCM_S16LE && encoding != AudioEncoding.PCM_F32LE) {
      throw new IllegalArgumentException("audio is sent as PCM_S16LE or PCM_F32LE, not " + encoding);
    }
    this.producer = producer;
    this.encoding = encoding;
    this.limits = limits;
  }

  /**
   * Decodes {@code file} and sends it (asynchronously: call {@link #flush()} to know it arrived).
   *
   * @param maxSeconds send only the song's first seconds; {@code <= 0} sends all of it
   * @throws IOException naming the file when it cannot be decoded
   */
  Track send(Path file, String trackId, String pairingKey, double maxSeconds) throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(file, limits)) {
      AudioStreamInfo info = decoder.info();
      int rate = info.sampleRate();
      // The topology converts with core's Resampler; refuse here what it would dead-letter.
      Resampler toModelRate = resampler(file, rate);
      long limit = maxSeconds > 0 ? (long) Math.floor(maxSeconds * rate) : Long.MAX_VALUE;
      float[] pending = new float[rate];
      int pendingLength = fill(decoder, pending, limit);
      long samples = pendingLength;
      long seq = 0;
      if (pendingLength == 0) {
        throw new AudioDecodeException(file.toString(), "no audio samples (" + info.codec() + " stream is empty)");
      }
      float[] next = new float[rate];
      while (true) {
        int nextLength = samples < limit ? fill(decoder, next, limit - samples) : 0;
        samples += nextLength;
        boolean last = nextLength == 0;
        send(chunk(trackId, pairingKey, seq++, rate, pending, pendingLength, last));
        if (last) {
          break;
        }
        float[] t = pending;
        pending = next;
        next = t;
        pendingLength = nextLength;
      }
      return new Track(trackId, file, info, samples, (int) seq,
          SegmentPlan.of(toModelRate.outputLength(samples)));
    }
  }

  /** Waits until every chunk sent so far is acknowledged; rethrows the first send failure. */
  void flush() throws IOException {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("sending audio chunks to " + Topics.MEDIA_AUDIO_CHUNKS.name() + " failed: " + e.getMessage(), e);
    }
  }

  private void send(AudioChunk chunk) {
    producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), chunk.getTrackId(), chunk),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private AudioChunk chunk(String trackId, String pairingKey, long seq, int rate, float[] mono, int n, boolean last) {
    return PcmChunks.chunk(trackId, pairingKey, seq, encoding, rate, mono, n, last);
  }

  /** Reads until {@code dst} is full, the input ends or {@code limit} samples are read. */
  private static int fill(AudioDecoder decoder, float[] dst, long limit) throws IOException {
    int want = (int) Math.min(dst.length, limit);
    int n = 0;
    while (n < want) {
      int r = decoder.read(dst, n, want - n);
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
