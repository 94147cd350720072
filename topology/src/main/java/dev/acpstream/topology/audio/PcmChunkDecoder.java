package dev.acpstream.topology.audio;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.topology.errors.Rejection;
import dev.acpstream.topology.errors.Rejection.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns one raw-PCM audio chunk into mono float samples the way libsndfile + librosa read a WAV:
 * int16 / 32768 (not 32767), float32 as stored, mono = the channel sum divided by the channel
 * count. Everything a producer can get wrong is rejected here, before the chunk touches state.
 *
 * <p>Any sample rate core's resampler handles is accepted (the {@link RateConverter} brings it to
 * {@link MusicFeatures193#SAMPLE_RATE} afterwards); decoding stays at the chunk's own rate.
 */
public final class PcmChunkDecoder {

  private final int maxChunkBytes;
  private final int maxChannels;

  public PcmChunkDecoder(int maxChunkBytes, int maxChannels) {
    this.maxChunkBytes = maxChunkBytes;
    this.maxChannels = maxChannels;
  }

  /** Checks what can be checked without decoding: size, encoding, rate, channels, framing. */
  public void validate(AudioChunk chunk) throws Rejection {
    String who = describe(chunk);
    int bytes = chunk.getData().remaining();
    if (bytes > maxChunkBytes) {
      throw new Rejection(Reason.OVERSIZE_CHUNK,
          who + ": " + bytes + " bytes, more than the maximum of " + maxChunkBytes + " (acp.audio.chunk.max.bytes)");
    }
    AudioEncoding encoding = chunk.getEncoding();
    if (encoding != AudioEncoding.PCM_S16LE && encoding != AudioEncoding.PCM_F32LE) {
      throw new Rejection(Reason.UNSUPPORTED_ENCODING,
          who + ": encoding " + encoding + " is not decoded by the live topology; send PCM_S16LE or PCM_F32LE chunks");
    }
    try {
      RateConverter.check(chunk.getSampleRate());
    } catch (IllegalArgumentException e) {
      throw new Rejection(Reason.UNSUPPORTED_SAMPLE_RATE,
          who + ": sample rate " + chunk.getSampleRate() + " Hz cannot be converted to "
              + MusicFeatures193.SAMPLE_RATE + " Hz (" + e.getMessage() + ")", e);
    }
    int channels = chunk.getChannels();
    if (channels < 1 || channels > maxChannels) {
      throw new Rejection(Reason.INVALID_CHANNELS,
          who + ": " + channels + " channels; expected 1.." + maxChannels);
    }
    int frameBytes = bytesPerSample(encoding) * channels;
    if (bytes % frameBytes != 0) {
      throw new Rejection(Reason.MALFORMED_PCM,
          who + ": " + bytes + " bytes is not a whole number of " + frameBytes + "-byte frames ("
              + encoding + ", " + channels + " channels)");
    }
  }

  /** Validates, then decodes to mono; NaN or infinite samples reject the whole chunk. */
  public float[] decode(AudioChunk chunk) throws Rejection {
    validate(chunk);
    ByteBuffer data = chunk.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int channels = chunk.getChannels();
    boolean s16 = chunk.getEncoding() == AudioEncoding.PCM_S16LE;
    int frames = data.remaining() / (bytesPerSample(chunk.getEncoding()) * channels);
    float[] mono = new float[frames];
    if (s16 && channels == 1) {
      // The common case in bulk: int16 is always finite.
      short[] pcm = new short[frames];
      data.asShortBuffer().get(pcm);
      for (int f = 0; f < frames; f++) {
        mono[f] = pcm[f] / 32768f;
      }
      return mono;
    }
    for (int f = 0; f < frames; f++) {
      float sum = 0f;
      for (int c = 0; c < channels; c++) {
        float s = s16 ? data.getShort() / 32768f : data.getFloat();
        if (!Float.isFinite(s)) {
          throw new Rejection(Reason.NON_FINITE_SAMPLES,
              describe(chunk) + ": sample " + f + " of channel " + c + " is " + s);
        }
        sum += s;
      }
      mono[f] = channels == 1 ? sum : sum / channels;
    }
    return mono;
  }

  /** Mono samples the chunk will yield (valid chunks only). */
  public static int frames(AudioChunk chunk) {
    return chunk.getData().remaining() / (bytesPerSample(chunk.getEncoding()) * Math.max(1, chunk.getChannels()));
  }

  static int bytesPerSample(AudioEncoding encoding) {
    return encoding == AudioEncoding.PCM_S16LE ? 2 : 4;
  }

  static String describe(AudioChunk chunk) {
    return "track '" + chunk.getTrackId() + "' chunk " + chunk.getSeq();
  }
}
