package dev.acpstream.core.image;

import java.util.List;

/**
 * The layout of the {@code affect} backbone's vector: each component, its dimension and where it comes from.
 * {@code docs/image-features.md} carries the same table.
 *
 * <p>Sources: Machajdik &amp; Hanbury, "Affective image classification using features inspired by psychology and
 * art theory" (ACM MM 2010) for the overall choice (colour, texture, composition); Valdez &amp; Mehrabian,
 * "Effects of color on emotions" (J. Exp. Psychol. Gen. 1994) for pleasure/arousal/dominance from brightness and
 * saturation; Hasler &amp; Suesstrunk, "Measuring colourfulness in natural images" (SPIE 2003); Haralick et al.
 * 1973 for the grey-level co-occurrence statistics.
 */
public final class AffectDescriptor {

  /** One named block of the vector. */
  public record Component(String name, int dim, String meaning) {}

  public static final List<Component> COMPONENTS = List.of(
      new Component("hue_circular_mean", 2,
          "saturation*value-weighted mean of (cos h, sin h); its length says how concentrated the hues are"),
      new Component("saturation_mean_std", 2, "mean and standard deviation of HSV saturation"),
      new Component("brightness_mean_std", 2, "mean and standard deviation of HSV value"),
      new Component("pleasure_arousal_dominance", 3,
          "Valdez-Mehrabian: P=0.69V+0.22S, A=-0.31V+0.60S, D=-0.76V+0.32S from mean value V and saturation S"),
      new Component("colourfulness", 1,
          "Hasler-Suesstrunk M = sqrt(sd_rg^2+sd_yb^2) + 0.3 sqrt(mean_rg^2+mean_yb^2), RGB in [0,1]"),
      new Component("hue_histogram", 12,
          "12 bins of 30 degrees from red, weighted by saturation*value, summing to 1 (all 0 when achromatic)"),
      new Component("warm_fraction", 1,
          "share of the chromatic weight in warm hues (red-orange-yellow, 330..90 degrees)"),
      new Component("low_high_key", 2, "fraction of pixels with value below 0.2 and above 0.8"),
      new Component("contrast", 2, "RMS contrast (sd of luma) and range contrast (95th - 5th percentile of luma)"),
      new Component("glcm", 4,
          "grey-level co-occurrence on 16 luma levels, offsets right and down, symmetric: contrast (/225), "
              + "correlation, energy, homogeneity"),
      new Component("edges", 2, "edge density (Sobel magnitude of luma > 0.25) and mean Sobel magnitude"),
      new Component("line_orientation", 4,
          "gradient-weighted share of edges that are horizontal, falling diagonal (\\), vertical, rising diagonal (/)"),
      new Component("centre_saturation_brightness", 2,
          "mean saturation and value of the central third minus the whole image's (rule-of-thirds inner box)"),
      new Component("centre_saliency", 1, "share of gradient energy inside the central third (uniform = 1/9)"),
      new Component("thirds_saliency", 1,
          "share of gradient energy in the four boxes of 1/6 x 1/6 around the thirds intersections (uniform = 1/9)"),
      new Component("log_aspect_ratio", 1, "ln(width / height) of the displayed image"));

  public static final int DIM = COMPONENTS.stream().mapToInt(Component::dim).sum();

  private AffectDescriptor() {}

  /** Offset of the named component in the vector. */
  public static int offset(String name) {
    int offset = 0;
    for (Component c : COMPONENTS) {
      if (c.name().equals(name)) {
        return offset;
      }
      offset += c.dim();
    }
    throw new IllegalArgumentException("no affect component named " + name);
  }
}
