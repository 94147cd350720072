package dev.acpstream.topology;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.WindowFeatureExtractor;

/**
 * A cheap, real 193-d window extractor for tests of the streaming machinery (ordering, gaps,
 * windowing, restarts), NOT of the paper's features: RMS, zero-crossing rate, mean, first and last
 * sample, duration, then the means of 187 equal slices of the window. Every value depends on which
 * samples the window holds and where, so a window taken one sample off, out of order, or with a
 * chunk missing changes the vector.
 */
public final class WindowingProbe implements WindowFeatureExtractor {

  private static final int SLICES = MusicFeatures193.DIM - 6;

  @Override
  public float[] extract(float[] w) {
    float[] v = new float[MusicFeatures193.DIM];
    double sq = 0;
    double sum = 0;
    int crossings = 0;
    for (int i = 0; i < w.length; i++) {
      sq += (double) w[i] * w[i];
      sum += w[i];
      if (i > 0 && (w[i - 1] >= 0) != (w[i] >= 0)) {
        crossings++;
      }
    }
    v[0] = (float) Math.sqrt(sq / w.length);
    v[1] = (float) crossings / w.length;
    v[2] = (float) (sum / w.length);
    v[3] = w[0];
    v[4] = w[w.length - 1];
    v[5] = (float) w.length / MusicFeatures193.SAMPLE_RATE;
    for (int s = 0; s < SLICES; s++) {
      int from = (int) ((long) w.length * s / SLICES);
      int to = (int) ((long) w.length * (s + 1) / SLICES);
      double m = 0;
      for (int i = from; i < to; i++) {
        m += w[i];
      }
      v[6 + s] = to > from ? (float) (m / (to - from)) : 0f;
    }
    return v;
  }
}
