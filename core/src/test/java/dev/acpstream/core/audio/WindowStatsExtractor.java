package dev.acpstream.core.audio;

/**
 * A simple but real {@link WindowFeatureExtractor} for exercising segmenting, windowing and the
 * incremental form only (it is NOT the paper's feature): RMS, zero-crossing rate, mean, peak, then
 * the mean square of 189 consecutive sub-blocks, so every value depends on which samples the
 * window holds and a misplaced window changes the vector.
 */
final class WindowStatsExtractor implements WindowFeatureExtractor {

  @Override
  public float[] extract(float[] w) {
    float[] v = new float[MusicFeatures193.DIM];
    double sq = 0;
    double sum = 0;
    double peak = 0;
    int crossings = 0;
    for (int i = 0; i < w.length; i++) {
      sq += (double) w[i] * w[i];
      sum += w[i];
      peak = Math.max(peak, Math.abs(w[i]));
      if (i > 0 && (w[i - 1] < 0) != (w[i] < 0)) {
        crossings++;
      }
    }
    v[0] = (float) Math.sqrt(sq / w.length);
    v[1] = (float) crossings / Math.max(1, w.length - 1);
    v[2] = (float) (sum / w.length);
    v[3] = (float) peak;
    int parts = MusicFeatures193.DIM - 4;
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) w.length * p / parts);
      int to = (int) ((long) w.length * (p + 1) / parts);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += (double) w[i] * w[i];
      }
      v[4 + p] = (float) (to > from ? s / (to - from) : 0);
    }
    return v;
  }
}
