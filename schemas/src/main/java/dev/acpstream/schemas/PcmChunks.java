package dev.acpstream.schemas;

import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** Mono float samples as the {@link AudioChunk} every producer of raw PCM sends. */
public final class PcmChunks {

  private PcmChunks() {}

  /**
   * The first {@code n} samples of {@code mono} as one chunk, produced now.
   *
   * @param encoding PCM_S16LE (int16, scaled by 32768 as the topology divides) or PCM_F32LE
   */
  public static AudioChunk chunk(String trackId, String pairingKey, long seq, AudioEncoding encoding,
      int sampleRate, float[] mono, int n, boolean last) {
    return AudioChunk.newBuilder()
        .setTrackId(trackId)
        .setPairingKey(pairingKey)
        .setSeq(seq)
        .setEncoding(encoding)
        .setSampleRate(sampleRate)
        .setChannels(1)
        .setData(pcm(encoding, mono, n))
        .setEndOfStream(last)
        .setProducedAt(Instant.now())
        .build();
  }

  static ByteBuffer pcm(AudioEncoding encoding, float[] mono, int n) {
    if (encoding != AudioEncoding.PCM_S16LE && encoding != AudioEncoding.PCM_F32LE) {
      throw new IllegalArgumentException("raw PCM chunks are PCM_S16LE or PCM_F32LE, not " + encoding);
    }
    boolean s16 = encoding == AudioEncoding.PCM_S16LE;
    ByteBuffer data = ByteBuffer.allocate(n * (s16 ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      if (s16) {
        // The topology divides by 32768 (libsndfile's convention), so scale by the same.
        data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(mono[i] * 32768f))));
      } else {
        data.putFloat(mono[i]);
      }
    }
    return data.flip();
  }
}
