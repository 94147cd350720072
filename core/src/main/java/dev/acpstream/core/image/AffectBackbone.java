package dev.acpstream.core.image;

import java.util.Arrays;

/**
 * The default backbone: a {@value AffectDescriptor#DIM}-d affective descriptor computed from pixels alone (no
 * weights, deterministic), laid out as {@link AffectDescriptor#COMPONENTS}. Stateless, so thread-safe.
 */
public final class AffectBackbone implements ImageBackbone {

  public static final String ID = "affect";

  private static final double EDGE_THRESHOLD = 0.25;
  private static final int GREY_LEVELS = 16;
  private static final double TAN_22_5 = Math.tan(Math.PI / 8);

  /** Hue in half-degree steps: the circular mean needs cos/sin per pixel, and a table is 10x cheaper than trig. */
  private static final int HUE_STEPS_PER_DEGREE = 2;
  private static final double[] COS = new double[360 * HUE_STEPS_PER_DEGREE];
  private static final double[] SIN = new double[360 * HUE_STEPS_PER_DEGREE];

  static {
    for (int i = 0; i < COS.length; i++) {
      COS[i] = Math.cos(Math.toRadians((double) i / HUE_STEPS_PER_DEGREE));
      SIN[i] = Math.sin(Math.toRadians((double) i / HUE_STEPS_PER_DEGREE));
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dim() {
    return AffectDescriptor.DIM;
  }

  @Override
  public float[] features(DecodedImage image) {
    WorkingImage im = WorkingImage.of(image);
    int n = im.width * im.height;
    float[] hue = new float[n];
    float[] sat = new float[n];
    float[] val = new float[n];
    float[] luma = new float[n];
    toHsv(im, hue, sat, val, luma);

    Vector v = new Vector();
    colour(im, hue, sat, val, v);
    contrast(luma, v);
    glcm(im, luma, v);
    gradients(im, sat, val, luma, v);
    v.put(Math.log((double) image.width() / image.height()));
    return v.done();
  }

  private static void toHsv(WorkingImage im, float[] hue, float[] sat, float[] val, float[] luma) {
    for (int i = 0; i < hue.length; i++) {
      float r = im.r[i];
      float g = im.g[i];
      float b = im.b[i];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float c = max - min;
      float h;
      if (c <= 0f) {
        h = 0f;
      } else if (max == r) {
        h = ((g - b) / c) % 6f;
      } else if (max == g) {
        h = (b - r) / c + 2f;
      } else {
        h = (r - g) / c + 4f;
      }
      h *= 60f;
      hue[i] = h < 0 ? h + 360f : h;
      val[i] = max;
      sat[i] = max <= 0f ? 0f : c / max;
      luma[i] = 0.299f * r + 0.587f * g + 0.114f * b; // ITU-R BT.601, as in most affect papers
    }
  }

  private static void colour(WorkingImage im, float[] hue, float[] sat, float[] val, Vector v) {
    int n = hue.length;
    double cosSum = 0;
    double sinSum = 0;
    double weightSum = 0;
    double warm = 0;
    double[] hist = new double[12];
    double sSum = 0;
    double sSq = 0;
    double vSum = 0;
    double vSq = 0;
    int dark = 0;
    int bright = 0;
    double rg = 0;
    double rgSq = 0;
    double yb = 0;
    double ybSq = 0;
    for (int i = 0; i < n; i++) {
      double w = sat[i] * val[i];
      int step = Math.round(hue[i] * HUE_STEPS_PER_DEGREE) % (360 * HUE_STEPS_PER_DEGREE);
      cosSum += w * COS[step];
      sinSum += w * SIN[step];
      weightSum += w;
      hist[Math.min(11, (int) (hue[i] / 30f))] += w;
      if (hue[i] >= 330f || hue[i] < 90f) {
        warm += w;
      }
      sSum += sat[i];
      sSq += sat[i] * sat[i];
      vSum += val[i];
      vSq += val[i] * val[i];
      if (val[i] < 0.2f) {
        dark++;
      } else if (val[i] > 0.8f) {
        bright++;
      }
      double drg = im.r[i] - im.g[i];
      double dyb = 0.5 * (im.r[i] + im.g[i]) - im.b[i];
      rg += drg;
      rgSq += drg * drg;
      yb += dyb;
      ybSq += dyb * dyb;
    }
    double sMean = sSum / n;
    double vMean = vSum / n;
    double total = Math.max(weightSum, 1e-12);
    v.put(weightSum > 0 ? cosSum / total : 0).put(weightSum > 0 ? sinSum / total : 0);
    v.put(sMean).put(std(sSq, sMean, n));
    v.put(vMean).put(std(vSq, vMean, n));
    v.put(0.69 * vMean + 0.22 * sMean).put(-0.31 * vMean + 0.60 * sMean).put(-0.76 * vMean + 0.32 * sMean);
    double rgMean = rg / n;
    double ybMean = yb / n;
    double sdRg = std(rgSq, rgMean, n);
    double sdYb = std(ybSq, ybMean, n);
    v.put(Math.sqrt(sdRg * sdRg + sdYb * sdYb) + 0.3 * Math.sqrt(rgMean * rgMean + ybMean * ybMean));
    for (double bin : hist) {
      v.put(weightSum > 0 ? bin / total : 0);
    }
    v.put(weightSum > 0 ? warm / total : 0);
    v.put((double) dark / n).put((double) bright / n);
  }

  private static void contrast(float[] luma, Vector v) {
    int n = luma.length;
    double sum = 0;
    double sq = 0;
    int[] hist = new int[256];
    for (float y : luma) {
      sum += y;
      sq += y * y;
      hist[Math.min(255, (int) (y * 255f + 0.5f))]++;
    }
    v.put(std(sq, sum / n, n));
    v.put((percentile(hist, n, 0.95) - percentile(hist, n, 0.05)) / 255.0);
  }

  private static int percentile(int[] hist, int n, double q) {
    long target = (long) Math.ceil(q * n);
    long seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= Math.max(1, target)) {
        return i;
      }
    }
    return hist.length - 1;
  }

  private static void glcm(WorkingImage im, float[] luma, Vector v) {
    int w = im.width;
    int h = im.height;
    int[] level = new int[luma.length];
    for (int i = 0; i < luma.length; i++) {
      level[i] = Math.min(GREY_LEVELS - 1, (int) (luma[i] * GREY_LEVELS));
    }
    double[] p = new double[GREY_LEVELS * GREY_LEVELS];
    long pairs = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int a = level[y * w + x];
        if (x + 1 < w) {
          int b = level[y * w + x + 1];
          p[a * GREY_LEVELS + b]++;
          p[b * GREY_LEVELS + a]++;
          pairs += 2;
        }
        if (y + 1 < h) {
          int b = level[(y + 1) * w + x];
          p[a * GREY_LEVELS + b]++;
          p[b * GREY_LEVELS + a]++;
          pairs += 2;
        }
      }
    }
    if (pairs == 0) {
      v.put(0).put(1).put(1).put(1); // a single pixel: no texture at all
      return;
    }
    double mean = 0;
    for (int i = 0; i < GREY_LEVELS; i++) {
      for (int j = 0; j < GREY_LEVELS; j++) {
        p[i * GREY_LEVELS + j] /= pairs;
        mean += i * p[i * GREY_LEVELS + j];
      }
    }
    double var = 0;
    double contrast = 0;
    double covariance = 0;
    double energy = 0;
    double homogeneity = 0;
    for (int i = 0; i < GREY_LEVELS; i++) {
      for (int j = 0; j < GREY_LEVELS; j++) {
        double pij = p[i * GREY_LEVELS + j];
        var += (i - mean) * (i - mean) * pij;
        contrast += (i - j) * (i - j) * pij;
        covariance += (i - mean) * (j - mean) * pij;
        energy += pij * pij;
        homogeneity += pij / (1 + Math.abs(i - j));
      }
    }
    int maxStep = GREY_LEVELS - 1;
    // A flat image has zero variance; like scikit-image we call its co-occurrence perfectly correlated.
    v.put(contrast / (maxStep * maxStep)).put(var > 1e-12 ? covariance / var : 1).put(energy).put(homogeneity);
  }

  private static void gradients(WorkingImage im, float[] sat, float[] val, float[] luma, Vector v) {
    int w = im.width;
    int h = im.height;
    double magnitudeSum = 0;
    int edgePixels = 0;
    int inner = 0;
    double[] orientation = new double[4];
    double centre = 0;
    double thirds = 0;
    int cx0 = w / 3;
    int cx1 = 2 * w / 3;
    int cy0 = h / 3;
    int cy1 = 2 * h / 3;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        double gx = (luma[i - w + 1] + 2 * luma[i + 1] + luma[i + w + 1]) - (luma[i - w - 1] + 2 * luma[i - 1] + luma[i + w - 1]);
        double gy = (luma[i + w - 1] + 2 * luma[i + w] + luma[i + w + 1]) - (luma[i - w - 1] + 2 * luma[i - w] + luma[i - w + 1]);
        double m = Math.sqrt(gx * gx + gy * gy) / 4.0; // /4: a unit step gives 1
        inner++;
        magnitudeSum += m;
        if (m > EDGE_THRESHOLD) {
          edgePixels++;
        }
        orientation[lineBin(gx, gy)] += m;
        if (x >= cx0 && x < cx1 && y >= cy0 && y < cy1) {
          centre += m;
        }
        if (nearThirdsPoint(x, w) && nearThirdsPoint(y, h)) {
          thirds += m;
        }
      }
    }
    v.put(inner > 0 ? (double) edgePixels / inner : 0).put(inner > 0 ? magnitudeSum / inner : 0);
    for (double o : orientation) {
      v.put(magnitudeSum > 0 ? o / magnitudeSum : 0.25);
    }
    double sIn = 0;
    double vIn = 0;
    double sAll = 0;
    double vAll = 0;
    int nIn = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        sAll += sat[i];
        vAll += val[i];
        if (x >= cx0 && x < Math.max(cx1, cx0 + 1) && y >= cy0 && y < Math.max(cy1, cy0 + 1)) {
          sIn += sat[i];
          vIn += val[i];
          nIn++;
        }
      }
    }
    int n = w * h;
    v.put(sIn / nIn - sAll / n).put(vIn / nIn - vAll / n);
    v.put(magnitudeSum > 0 ? centre / magnitudeSum : 1.0 / 9);
    v.put(magnitudeSum > 0 ? thirds / magnitudeSum : 1.0 / 9);
  }

  /**
   * The 45-degree sector of the line through a pixel, without atan2. The line runs perpendicular to the gradient:
   * a gradient within 22.5 degrees of vertical means a horizontal line (0), of horizontal a vertical line (2); a
   * diagonal gradient whose components share a sign (y grows downwards) means a rising line (3), else falling (1).
   */
  static int lineBin(double gx, double gy) {
    double ax = Math.abs(gx);
    double ay = Math.abs(gy);
    if (ay <= TAN_22_5 * ax) {
      return 2;
    }
    if (ax <= TAN_22_5 * ay) {
      return 0;
    }
    return gx * gy > 0 ? 3 : 1;
  }

  /** Within 1/12 of the side of a thirds line, i.e. a box 1/6 wide around it. */
  private static boolean nearThirdsPoint(int x, int size) {
    double t = (double) x / size;
    return Math.abs(t - 1.0 / 3) < 1.0 / 12 || Math.abs(t - 2.0 / 3) < 1.0 / 12;
  }

  private static double std(double sumSq, double mean, int n) {
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }

  /** Fills the vector in layout order and checks the layout was honoured. */
  private static final class Vector {
    private final float[] values = new float[AffectDescriptor.DIM];
    private int next;

    Vector put(double value) {
      values[next++] = (float) value;
      return this;
    }

    float[] done() {
      if (next != values.length) {
        throw new IllegalStateException("affect descriptor filled " + next + " of " + values.length + " values");
      }
      return Arrays.copyOf(values, values.length);
    }
  }
}
