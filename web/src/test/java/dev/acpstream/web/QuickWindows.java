package dev.acpstream.web;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.WindowFeatureExtractor;

/**
 * A cheap 193-d window extractor so the web tests stream minutes of audio in seconds (the paper's
 * features take about a CPU-second per window; they are tested in core). Values follow the
 * signal: the RMS and the means of equal slices of the window.
 */
final class QuickWindows implements WindowFeatureExtractor {

  @Override
  public float[] extract(float[] w) {
    float[] v = new float[MusicFeatures193.DIM];
    int slices = v.length - 1;
    double sq = 0;
    for (float x : w) {
      sq += (double) x * x;
    }
    v[0] = (float) Math.sqrt(sq / Math.max(1, w.length));
    for (int s = 0; s < slices; s++) {
      int from = (int) ((long) w.length * s / slices);
      int to = (int) ((long) w.length * (s + 1) / slices);
      double m = 0;
      for (int i = from; i < to; i++) {
        m += Math.abs(w[i]);
      }
      v[1 + s] = to > from ? (float) (m / (to - from)) : 0f;
    }
    return v;
  }
}
