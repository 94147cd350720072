package dev.acpstream.core.audio;

/**
 * Interleaved little-endian PCM as WAV stores it (and as a producer may send raw chunks), turned
 * into mono floats the way libsndfile + librosa do: integers scaled by 1 / 2^(bits-1) (int16 /
 * 32768, NOT 32767), unsigned 8-bit centred on 128, floats as stored; mono = the channel mean,
 * summed in float then divided by the channel count (numpy's float32 {@code mean} over channels).
 *
 * @param encoding how one sample is stored
 * @param bytesPerSample the container size of one sample of one channel
 * @param channels interleaved channels per frame
 */
public record PcmLayout(Encoding encoding, int bytesPerSample, int channels) {

  /** How one sample is stored. */
  public enum Encoding {
    /** 8-bit unsigned, 128 = zero (WAV's only 8-bit form). */
    UNSIGNED_8,
    /** Two's complement, 16, 24 or 32 bits; wider containers hold left-justified samples. */
    SIGNED_INT,
    /** IEEE 754, 32 or 64 bits. */
    FLOAT
  }

  public PcmLayout {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1: " + channels);
    }
    boolean ok =
        switch (encoding) {
          case UNSIGNED_8 -> bytesPerSample == 1;
          case SIGNED_INT -> bytesPerSample >= 2 && bytesPerSample <= 4;
          case FLOAT -> bytesPerSample == 4 || bytesPerSample == 8;
        };
    if (!ok) {
      throw new IllegalArgumentException(encoding + " cannot have " + bytesPerSample + " bytes per sample");
    }
  }

  public int bytesPerFrame() {
    return bytesPerSample * channels;
  }

  /** Converts {@code frames} whole frames from {@code src} at {@code srcOff} into {@code dst} at {@code dstOff}. */
  public void toMono(byte[] src, int srcOff, int frames, float[] dst, int dstOff) {
    int p = srcOff;
    for (int f = 0; f < frames; f++) {
      float sum = 0f;
      for (int c = 0; c < channels; c++) {
        sum += sample(src, p);
        p += bytesPerSample;
      }
      dst[dstOff + f] = channels == 1 ? sum : sum / channels;
    }
  }

  private float sample(byte[] b, int p) {
    switch (encoding) {
      case UNSIGNED_8:
        return ((b[p] & 0xff) - 128) / 128f;
      case SIGNED_INT:
        switch (bytesPerSample) {
          case 2:
            return (short) ((b[p] & 0xff) | (b[p + 1] << 8)) / 32768f;
          case 3:
            return ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16)) / 8388608f;
          default:
            return (float) ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24))
                / 2147483648f;
        }
      default:
        if (bytesPerSample == 4) {
          return Float.intBitsToFloat(le32(b, p));
        }
        return (float) Double.longBitsToDouble((le32(b, p) & 0xffffffffL) | ((long) le32(b, p + 4) << 32));
    }
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
  }
}
