package dev.acpstream.core.audio;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * One MPEG-1/2/2.5 audio frame header (layers I-III), parsed from its four bytes; used to find
 * real MP3 data (a chain of consistent frames, not a stray 0xFFE sync in random bytes) and to read
 * the Xing/Info frame that carries the encoder delay and padding for gapless trimming.
 */
record MpegAudioHeader(
    int version, int layer, int bitrateKbps, int sampleRate, int channels, int frameBytes, int samplesPerFrame) {

  /** Encoded as version code: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5. */
  static final int MPEG1 = 3;

  private static final int[][] BITRATES = {
    {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // V1 L1
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // V1 L2
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // V1 L3
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // V2 L1
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // V2 L2, L3
  };

  private static final int[][] RATES = {{11025, 12000, 8000}, null, {22050, 24000, 16000}, {44100, 48000, 32000}};

  /** The header at {@code p}, or null when those bytes are not a valid header (free-format is refused). */
  static MpegAudioHeader parse(byte[] b, int p, int limit) {
    if (p + 4 > limit) {
      return null;
    }
    int b1 = b[p + 1] & 0xff;
    int b2 = b[p + 2] & 0xff;
    int b3 = b[p + 3] & 0xff;
    if ((b[p] & 0xff) != 0xff || (b1 & 0xe0) != 0xe0) {
      return null;
    }
    int version = (b1 >> 3) & 3;
    int layerBits = (b1 >> 1) & 3;
    int bitrateIndex = b2 >> 4;
    int rateIndex = (b2 >> 2) & 3;
    if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3 || (b3 & 3) == 2) {
      return null;
    }
    int layer = 4 - layerBits;
    int table = version == MPEG1 ? layer - 1 : (layer == 1 ? 3 : 4);
    int kbps = BITRATES[table][bitrateIndex];
    int rate = RATES[version][rateIndex];
    int padding = (b2 >> 1) & 1;
    int channels = (b3 >> 6) == 3 ? 1 : 2;
    int bytes;
    int spf;
    if (layer == 1) {
      bytes = (12 * kbps * 1000 / rate + padding) * 4;
      spf = 384;
    } else if (layer == 2 || version == MPEG1) {
      bytes = 144 * kbps * 1000 / rate + padding;
      spf = 1152;
    } else {
      bytes = 72 * kbps * 1000 / rate + padding;
      spf = 576;
    }
    return new MpegAudioHeader(version, layer, kbps, rate, channels, bytes, spf);
  }

  boolean sameStream(MpegAudioHeader o) {
    return o != null && o.version == version && o.layer == layer && o.sampleRate == sampleRate;
  }

  /**
   * The first offset in {@code [from, limit)} where {@code chain} consecutive consistent frames
   * start (or fewer, when they run exactly to the end of the data), or -1.
   */
  static int findStream(byte[] b, int from, int limit, int chain, boolean dataEndsAtLimit) {
    for (int p = from; p + 4 <= limit; p++) {
      MpegAudioHeader first = parse(b, p, limit);
      if (first == null) {
        continue;
      }
      int q = p + first.frameBytes;
      int found = 1;
      while (found < chain) {
        if (dataEndsAtLimit && q == limit) {
          break;
        }
        if (!first.sameStream(parse(b, q, limit))) {
          break;
        }
        q += parse(b, q, limit).frameBytes;
        found++;
      }
      if (found == chain || (dataEndsAtLimit && q == limit)) {
        return p;
      }
    }
    return -1;
  }

  /** Offset inside a layer-III frame where a Xing/Info tag would start. */
  int xingOffset() {
    if (version == MPEG1) {
      return 4 + (channels == 1 ? 17 : 32);
    }
    return 4 + (channels == 1 ? 9 : 17);
  }

  /**
   * Gapless information of a Xing/Info frame at {@code p}, or null when the frame carries audio.
   * {@code delay} and {@code padding} are -1 when no LAME-style tag follows.
   */
  static Xing xing(byte[] b, int p, MpegAudioHeader h, int limit) {
    if (h.layer != 3) {
      return null;
    }
    int x = p + h.xingOffset();
    if (x + 8 > limit) {
      return null;
    }
    String tag = new String(b, x, 4, ISO_8859_1);
    if (tag.equals("VBRI")) {
      return new Xing(-1, -1, -1);
    }
    // VBRI's fixed position is 32 bytes after the header, whatever the channel mode.
    if (p + 36 + 4 <= limit
        && new String(b, p + 36, 4, ISO_8859_1).equals("VBRI")) {
      return new Xing(-1, -1, -1);
    }
    if (!tag.equals("Xing") && !tag.equals("Info")) {
      return null;
    }
    int flags = be32(b, x + 4);
    int q = x + 8;
    long frames = -1;
    if ((flags & 1) != 0) {
      if (q + 4 > limit) {
        return new Xing(-1, -1, -1);
      }
      frames = be32(b, q) & 0xffffffffL;
      q += 4;
    }
    if ((flags & 2) != 0) {
      q += 4;
    }
    if ((flags & 4) != 0) {
      q += 100;
    }
    if ((flags & 8) != 0) {
      q += 4;
    }
    // LAME's tag (also written by libavcodec-based encoders as "Lavc"/"Lavf"): encoder delay and padding at +21.
    if (q + 24 <= limit) {
      String encoder = new String(b, q, 4, ISO_8859_1);
      if (encoder.equals("LAME") || encoder.equals("Lavc") || encoder.equals("Lavf") || encoder.equals("GOGO")) {
        int v = ((b[q + 21] & 0xff) << 16) | ((b[q + 22] & 0xff) << 8) | (b[q + 23] & 0xff);
        return new Xing(frames, v >>> 12, v & 0xfff);
      }
    }
    return new Xing(frames, -1, -1);
  }

  /** A Xing/Info (or VBRI) frame: audio frame count and LAME encoder delay/padding, -1 if absent. */
  record Xing(long frames, int delay, int padding) {}

  private static int be32(byte[] b, int p) {
    return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
  }
}
