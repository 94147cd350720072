package dev.acpstream.core.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * RIFF/WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, and WAVE_FORMAT_EXTENSIBLE wrapping either.
 * Written here rather than through javax.sound because Java Sound rejects float64 and several
 * extensible layouts, and because we want our own limits and error messages.
 */
final class WavDecoder extends BlockAudioDecoder {

  private static final int FRAMES_PER_BLOCK = 8192;
  private static final long UNKNOWN_SIZE = 0xffffffffL;

  private final InputStream in;
  private final AudioStreamInfo info;
  private final PcmLayout layout;
  private final long declaredFrames;
  private final byte[] bytes;
  private float[] mono = new float[FRAMES_PER_BLOCK];
  private long framesRead;

  private WavDecoder(InputStream in, String source, DecodeLimits limits, AudioStreamInfo info, PcmLayout layout) {
    super(source, limits);
    this.in = in;
    this.info = info;
    this.layout = layout;
    this.declaredFrames = info.declaredFrames();
    this.bytes = new byte[FRAMES_PER_BLOCK * layout.bytesPerFrame()];
  }

  /** Parses the header up to the start of the sample data. */
  static WavDecoder open(InputStream in, String source, DecodeLimits limits) throws IOException {
    try {
      byte[] riff = in.readNBytes(12);
      if (riff.length < 12) {
        throw new AudioDecodeException(source, "truncated WAV header (" + riff.length + " bytes)");
      }
      String id = new String(riff, 0, 4, US_ASCII);
      String form = new String(riff, 8, 4, US_ASCII);
      if (!id.equals("RIFF") || !form.equals("WAVE")) {
        throw new AudioDecodeException(
            source, "unsupported WAV container '" + id + "/" + form + "' (only little-endian RIFF/WAVE is read)");
      }
      int formatTag = -1;
      int channels = 0;
      int sampleRate = 0;
      int blockAlign = 0;
      int bits = 0;
      while (true) {
        byte[] head = in.readNBytes(8);
        if (head.length < 8) {
          throw new AudioDecodeException(source, "truncated WAV: no 'data' chunk before the end of the file");
        }
        String chunk = new String(head, 0, 4, US_ASCII);
        long size = le32(head, 4) & 0xffffffffL;
        if (chunk.equals("fmt ")) {
          if (size < 16 || size > 1024) {
            throw new AudioDecodeException(source, "corrupt WAV: 'fmt ' chunk of " + size + " bytes");
          }
          byte[] fmt = readFully(in, (int) size, source);
          skipPad(in, size);
          formatTag = le16(fmt, 0);
          channels = le16(fmt, 2);
          sampleRate = le32(fmt, 4);
          blockAlign = le16(fmt, 12);
          bits = le16(fmt, 14);
          if (formatTag == 0xfffe) {
            if (size < 40) {
              throw new AudioDecodeException(source, "corrupt WAV: WAVE_FORMAT_EXTENSIBLE without its sub-format");
            }
            formatTag = le16(fmt, 24);
          }
        } else if (chunk.equals("data")) {
          if (formatTag < 0) {
            throw new AudioDecodeException(source, "corrupt WAV: 'data' chunk before 'fmt ' chunk");
          }
          PcmLayout layout = layout(source, formatTag, channels, blockAlign, bits);
          if (sampleRate < Resampler.MIN_RATE || sampleRate > Resampler.MAX_RATE) {
            throw new AudioDecodeException(source, "unsupported WAV sample rate " + sampleRate + " Hz");
          }
          long frames = size == UNKNOWN_SIZE ? -1 : size / blockAlign;
          String codec = "WAV " + (layout.encoding() == PcmLayout.Encoding.FLOAT ? "float" : "PCM") + " " + bits + "-bit";
          AudioStreamInfo info = new AudioStreamInfo(codec, sampleRate, channels, frames);
          if (frames >= 0) {
            limits.check(source, frames, sampleRate, "header declares");
          }
          return new WavDecoder(in, source, limits, info, layout);
        } else {
          skip(in, size + (size & 1), source);
        }
      }
    } catch (EOFException e) {
      throw new AudioDecodeException(source, "truncated WAV header", e);
    }
  }

  private static PcmLayout layout(String source, int tag, int channels, int blockAlign, int bits)
      throws AudioDecodeException {
    if (channels < 1 || channels > 64) {
      throw new AudioDecodeException(source, "corrupt WAV: " + channels + " channels");
    }
    if (blockAlign <= 0 || blockAlign % channels != 0) {
      throw new AudioDecodeException(source, "corrupt WAV: block align " + blockAlign + " for " + channels + " channels");
    }
    int container = blockAlign / channels;
    switch (tag) {
      case 1:
        if (container == 1) {
          return new PcmLayout(PcmLayout.Encoding.UNSIGNED_8, 1, channels);
        }
        if (container >= 2 && container <= 4) {
          return new PcmLayout(PcmLayout.Encoding.SIGNED_INT, container, channels);
        }
        throw new AudioDecodeException(source, "unsupported WAV PCM sample size " + bits + " bits");
      case 3:
        if (container == 4 || container == 8) {
          return new PcmLayout(PcmLayout.Encoding.FLOAT, container, channels);
        }
        throw new AudioDecodeException(source, "unsupported WAV float sample size " + bits + " bits");
      default:
        throw new AudioDecodeException(
            source, "unsupported codec in WAV: format tag 0x" + Integer.toHexString(tag) + " (" + codecName(tag)
                + "); only PCM and IEEE float are read");
    }
  }

  private static String codecName(int tag) {
    return switch (tag) {
      case 2 -> "Microsoft ADPCM";
      case 6 -> "A-law";
      case 7 -> "mu-law";
      case 0x11 -> "IMA ADPCM";
      case 0x31 -> "GSM 6.10";
      case 0x50 -> "MPEG audio";
      case 0x55 -> "MPEG layer III";
      default -> "unknown codec";
    };
  }

  @Override
  public AudioStreamInfo info() {
    return info;
  }

  @Override
  protected boolean decodeMore() throws IOException {
    int wanted = FRAMES_PER_BLOCK;
    if (declaredFrames >= 0) {
      if (framesRead >= declaredFrames) {
        return false;
      }
      wanted = (int) Math.min(wanted, declaredFrames - framesRead);
    }
    int frameBytes = layout.bytesPerFrame();
    int got = in.readNBytes(bytes, 0, wanted * frameBytes);
    int frames = got / frameBytes;
    if (frames < wanted && declaredFrames >= 0) {
      throw new AudioDecodeException(
          source, String.format("truncated WAV: header declares %d frames, the file ends after %d",
              declaredFrames, framesRead + frames));
    }
    if (frames == 0) {
      return false;
    }
    mono = ensure(mono, frames);
    layout.toMono(bytes, 0, frames, mono, 0);
    framesRead += frames;
    emit(mono, 0, frames);
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static byte[] readFully(InputStream in, int n, String source) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new AudioDecodeException(source, "truncated WAV header");
    }
    return b;
  }

  private static void skipPad(InputStream in, long size) throws IOException {
    if ((size & 1) != 0) {
      in.skipNBytes(1);
    }
  }

  private static void skip(InputStream in, long n, String source) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (EOFException e) {
      throw new AudioDecodeException(source, "truncated WAV: a chunk runs past the end of the file", e);
    }
  }

  private static int le16(byte[] b, int p) {
    return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
  }
}
