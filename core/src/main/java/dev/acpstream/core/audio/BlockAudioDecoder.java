package dev.acpstream.core.audio;

import java.io.IOException;

/**
 * The shared half of every decoder: codecs decode one natural unit at a time (a FLAC frame, an MP3
 * frame, a Vorbis packet, a run of WAV bytes) and {@link #emit} its mono samples; this class serves
 * {@link #read} from them and enforces the duration limit on what was really decoded.
 */
abstract class BlockAudioDecoder implements AudioDecoder {

  protected final String source;
  protected final DecodeLimits limits;

  private float[] pending = new float[4096];
  private int pendingOff;
  private int pendingLen;
  private long emitted;
  private boolean ended;

  BlockAudioDecoder(String source, DecodeLimits limits) {
    this.source = source;
    this.limits = limits;
  }

  /** Decodes the next unit, emitting its samples; false at the end of the audio. */
  protected abstract boolean decodeMore() throws IOException;

  /** Frames emitted so far. */
  protected final long emitted() {
    return emitted;
  }

  protected final void emit(float[] mono, int off, int len) throws AudioDecodeException {
    if (len <= 0) {
      return;
    }
    emitted += len;
    limits.check(source, emitted, info().sampleRate(), "decoded more than");
    if (pendingOff > 0 && pendingOff == pendingLen) {
      pendingOff = 0;
      pendingLen = 0;
    }
    if (pendingLen + len > pending.length) {
      int live = pendingLen - pendingOff;
      float[] grown = live + len > pending.length ? new float[Math.max(live + len, 2 * pending.length)] : pending;
      System.arraycopy(pending, pendingOff, grown, 0, live);
      pending = grown;
      pendingOff = 0;
      pendingLen = live;
    }
    System.arraycopy(mono, off, pending, pendingLen, len);
    pendingLen += len;
  }

  @Override
  public final int read(float[] dst, int off, int len) throws IOException {
    while (pendingLen == pendingOff && !ended) {
      ended = !decodeMore();
    }
    if (pendingLen == pendingOff) {
      return -1;
    }
    int n = Math.min(len, pendingLen - pendingOff);
    System.arraycopy(pending, pendingOff, dst, off, n);
    pendingOff += n;
    return n;
  }

  /** A scratch array of at least {@code n} floats, reusing {@code old} when it is big enough. */
  static float[] ensure(float[] old, int n) {
    return old != null && old.length >= n ? old : new float[Math.max(n, old == null ? 0 : old.length * 2)];
  }

}
