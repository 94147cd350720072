package dev.acpstream.core.audio;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG audio (layer III, also I and II) through JLayer (com.googlecode.soundlibs, LGPL-2.1).
 *
 * <p>Gapless like mpg123 (what librosa's soundfile backend uses): the Xing/Info frame is not
 * audio and is skipped; when a LAME-style tag gives the encoder delay and padding, the first
 * {@code delay + 529} samples (529 = the decoder's own delay) and the last {@code padding - 529}
 * are dropped, so a decoded MP3 lines up with the PCM it was encoded from.
 */
final class Mp3Decoder extends BlockAudioDecoder {

  /** How far into a file (after an ID3v2 tag) we look for the first frame. */
  static final int PROBE_BYTES = 128 * 1024;
  /** Consecutive consistent frame headers that prove a stream is MPEG audio, not noise. */
  private static final int CHAIN = 4;
  private static final int DECODER_DELAY = 529;

  private final CountingStream counted;
  private final Bitstream bitstream;
  private final Decoder decoder = new Decoder();
  private final AudioStreamInfo info;
  private final long xingFrames;
  private long skip;
  private final float[] tail;
  private int tailLen;
  private float[] work = new float[1152 + 4096];
  private long framesDecoded;
  /** Where the frames read so far end, counting from the first frame; junk between frames only adds to what was read. */
  private long expectedEnd;
  private boolean skipFirstFrame;

  private Mp3Decoder(
      InputStream in, String source, DecodeLimits limits, AudioStreamInfo info, MpegAudioHeader.Xing xing) {
    super(source, limits);
    this.counted = new CountingStream(in);
    this.bitstream = new Bitstream(counted);
    this.info = info;
    this.skipFirstFrame = xing != null;
    this.xingFrames = xing == null ? -1 : xing.frames();
    boolean gapless = xing != null && xing.delay() >= 0;
    this.skip = gapless ? xing.delay() + DECODER_DELAY : 0;
    this.tail = new float[gapless ? Math.max(0, xing.padding() - DECODER_DELAY) : 0];
  }

  /** Finds the first real frame in {@code in} (positioned after any ID3v2 tag) and reads its Xing tag. */
  static Mp3Decoder open(InputStream in, String source, DecodeLimits limits) throws IOException {
    byte[] probe = in.readNBytes(PROBE_BYTES + CHAIN * 4096);
    boolean atEnd = probe.length < PROBE_BYTES + CHAIN * 4096;
    int start = MpegAudioHeader.findStream(probe, 0, Math.min(probe.length, PROBE_BYTES), CHAIN, false);
    if (start < 0) {
      start = MpegAudioHeader.findStream(probe, 0, probe.length, CHAIN, atEnd);
    }
    if (start < 0) {
      throw new AudioDecodeException(
          source, "not a recognised audio file: no WAV, FLAC, Ogg or MPEG audio signature (and no run of valid MP3 frames)");
    }
    MpegAudioHeader first = MpegAudioHeader.parse(probe, start, probe.length);
    MpegAudioHeader.Xing xing = MpegAudioHeader.xing(probe, start, first, probe.length);
    long declared = -1;
    if (xing != null && xing.frames() > 0) {
      declared = xing.frames() * first.samplesPerFrame();
      if (xing.delay() >= 0) {
        declared = Math.max(0, declared - xing.delay() - xing.padding());
      }
      limits.check(source, declared, first.sampleRate(), "header declares");
    }
    String codec = "MPEG-" + (first.version() == MpegAudioHeader.MPEG1 ? "1" : first.version() == 2 ? "2" : "2.5")
        + " layer " + "I".repeat(first.layer());
    AudioStreamInfo info = new AudioStreamInfo(codec, first.sampleRate(), first.channels(), declared);
    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(probe, start, probe.length - start), in);
    return new Mp3Decoder(rest, source, limits, info, xing);
  }

  @Override
  public AudioStreamInfo info() {
    return info;
  }

  @Override
  protected boolean decodeMore() throws IOException {
    try {
      Header h = bitstream.readFrame();
      if (h == null) {
        if (xingFrames > 0 && framesDecoded < xingFrames) {
          throw new AudioDecodeException(
              source, String.format("truncated MP3: the Xing header declares %d frames, the file ends after %d",
                  xingFrames, framesDecoded));
        }
        return false;
      }
      MpegAudioHeader parsed = MpegAudioHeader.parse(headerBytes(h.getSyncHeader()), 0, 4);
      expectedEnd += parsed == null ? 0 : parsed.frameBytes();
      if (counted.hitEnd && counted.delivered < expectedEnd) {
        throw new AudioDecodeException(
            source, "truncated MP3: the last frame is cut off after " + framesDecoded + " complete frames");
      }
      if (skipFirstFrame) {
        skipFirstFrame = false;
        bitstream.closeFrame();
        return true;
      }
      if (h.frequency() != info.sampleRate()) {
        throw new AudioDecodeException(
            source, "unsupported MP3: the sample rate changes mid-stream (" + info.sampleRate() + " to " + h.frequency() + " Hz)");
      }
      SampleBuffer out = (SampleBuffer) decoder.decodeFrame(h, bitstream);
      bitstream.closeFrame();
      framesDecoded++;
      deliver(out);
      return true;
    } catch (BitstreamException | DecoderException | ArrayIndexOutOfBoundsException e) {
      throw new AudioDecodeException(source, "corrupt MP3 after " + framesDecoded + " frames: " + e.getMessage(), e);
    }
  }

  private void deliver(SampleBuffer out) throws AudioDecodeException {
    short[] pcm = out.getBuffer();
    int channels = out.getChannelCount();
    int n = out.getBufferLength() / channels;
    work = ensure(work, tailLen + n);
    System.arraycopy(tail, 0, work, 0, tailLen);
    int w = tailLen;
    for (int i = 0; i < n; i++) {
      if (channels == 1) {
        work[w++] = pcm[i] / 32768f;
      } else {
        float sum = 0f;
        for (int c = 0; c < channels; c++) {
          sum += pcm[i * channels + c] / 32768f;
        }
        work[w++] = sum / channels;
      }
    }
    int from = 0;
    if (skip > 0) {
      int s = (int) Math.min(skip, w);
      from = s;
      skip -= s;
    }
    int keep = Math.min(tail.length, w - from);
    int ready = w - from - keep;
    emit(work, from, ready);
    System.arraycopy(work, w - keep, tail, 0, keep);
    tailLen = keep;
  }

  private static byte[] headerBytes(int h) {
    return new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
  }

  @Override
  public void close() throws IOException {
    try {
      bitstream.close();
    } catch (BitstreamException e) {
      throw new IOException(e);
    }
  }

  /** Notices when JLayer asks for bytes the input no longer has (it silently zero-fills them). */
  private static final class CountingStream extends FilterInputStream {
    boolean hitEnd;
    long delivered;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        hitEnd = true;
      } else {
        delivered++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0 && len > 0) {
        hitEnd = true;
      } else if (n > 0) {
        delivered += n;
      }
      return n;
    }
  }
}
