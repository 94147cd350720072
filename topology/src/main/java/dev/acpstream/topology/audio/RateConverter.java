package dev.acpstream.topology.audio;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.Resampler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts a track's mono samples to 22050 Hz with core's {@link Resampler}, restartable from the
 * store: the state keeps only the last eighth of a second of input (its start aligned to the
 * filter's decimation factor; the filter reaches about 3 ms back) and the counts in and out. Each
 * chunk rebuilds the resampler from that tail and skips the outputs already delivered; because
 * each output sample is the same dot product over the same input whichever instance computes it,
 * the result equals one resampler run over the whole track (the file form), restart or not. The
 * filter design is made once per input rate and shared; the replay costs about 1/8 s of input. Input
 * already at 22050 Hz passes through. The kept input is a {@link FrameTail}: the store receives
 * only the frames that stay in it, each once.
 */
public final class RateConverter {

  private static final int OUT = MusicFeatures193.SAMPLE_RATE;
  private static final int KEEP_DIVISOR = 8;
  private static final int MIN_KEEP = 4096;

  /** One filter design per input rate met: designing is what a fresh resampler per chunk would pay most for. */
  private final Map<Integer, Resampler.Design> designs = new HashMap<>();

  /** Fails (IllegalArgumentException naming the rates) when {@code rate} cannot be converted. */
  public static void check(int rate) {
    Resampler.check(rate, OUT);
  }

  /** The 22050-Hz samples that {@code input} (at the track's rate) completes. */
  public float[] convert(TrackState s, float[] input) {
    if (s.inputRate == OUT) {
      return input;
    }
    Collector out = new Collector(skip(s));
    Resampler r = replay(s, out);
    r.process(input, 0, input.length, out);
    s.rateInput.append(input, 0, input.length);
    s.convertedIn += input.length;
    s.convertedOut += out.size;
    trimTail(s);
    return out.samples();
  }

  /** Ends the converted stream (end of track, or before a long gap): the outputs still pending. */
  public float[] flush(TrackState s) {
    if (s.inputRate == OUT || s.convertedIn == 0) {
      reset(s);
      return new float[0];
    }
    Collector out = new Collector(skip(s));
    Resampler r = replay(s, out);
    r.finish(out);
    reset(s);
    return out.samples();
  }

  private Resampler replay(TrackState s, Collector out) {
    Resampler r = new Resampler(designs.computeIfAbsent(s.inputRate, rate -> Resampler.design(rate, OUT)));
    float[] tail = s.rateInput.head(s.rateInput.length());
    r.process(tail, 0, tail.length, out);
    return r;
  }

  /** Outputs a fresh resampler started at the tail produces before the first one not yet delivered. */
  private static long skip(TrackState s) {
    int[] f = factors(s.inputRate);
    return s.convertedOut - tailStart(s) / f[1] * f[0];
  }

  /** Input frame (since the last flush) the kept tail starts at: it always ends at the last one in. */
  private static long tailStart(TrackState s) {
    return s.convertedIn - s.rateInput.length();
  }

  /**
   * Keeps {@link #KEEP_DIVISOR}-th of a second of input (at least {@link #MIN_KEEP} frames),
   * starting at a multiple of the decimation factor. The Kaiser filter's half length is about
   * 64 x inRate / 22050 input frames (~3 ms) for every supported rate, far inside that.
   */
  private static void trimTail(TrackState s) {
    int down = factors(s.inputRate)[1];
    long keep = Math.max(MIN_KEEP, s.inputRate / KEEP_DIVISOR);
    long keepFrom = Math.max(0, s.convertedIn - keep);
    keepFrom -= keepFrom % down;
    int drop = (int) (keepFrom - tailStart(s));
    if (drop > 0) {
      s.rateInput.dropFront(drop);
    }
  }

  private static void reset(TrackState s) {
    s.convertedIn = 0;
    s.convertedOut = 0;
    s.rateInput.clear();
  }

  /** {up, down}: the reduced ratio OUT / inRate. */
  private static int[] factors(int inRate) {
    int a = inRate;
    int b = OUT;
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return new int[] {OUT / a, inRate / a};
  }

  private static final class Collector implements dev.acpstream.core.audio.SampleSink {
    private long toSkip;
    private float[] data = new float[4096];
    int size;

    Collector(long toSkip) {
      this.toSkip = toSkip;
    }

    @Override
    public void accept(float[] samples, int off, int len) {
      int skip = (int) Math.min(len, toSkip);
      toSkip -= skip;
      off += skip;
      len -= skip;
      if (len == 0) {
        return;
      }
      if (size + len > data.length) {
        data = Arrays.copyOf(data, Math.max(size + len, 2 * data.length));
      }
      System.arraycopy(samples, off, data, size, len);
      size += len;
    }

    float[] samples() {
      return Arrays.copyOf(data, size);
    }
  }
}
