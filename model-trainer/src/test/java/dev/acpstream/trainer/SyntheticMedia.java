package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Features with a clear class structure: each class has its own centre in every dimension, so a model that learned the right correspondence scores the holdout near 1, and one
 * trained on shifted image labels scores it far below.
 */
final class SyntheticMedia {

  static final String BACKBONE = "synthetic";
  static final int IMAGE_DIM = 8;
  static final int SEGMENTS_PER_TRACK = 3;

  private SyntheticMedia() {}

  /** Around a fixed centre per class and dimension (spread 1), with noise 0.3. */
  static float[] vector(int dim, EmotionClass c, Random rng) {
    Random centres = new Random(dim * 31L + c.ordinal());
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (centres.nextGaussian() + rng.nextGaussian() * 0.3);
    }
    return v;
  }

  static ImageFeatures image(String mediaId, EmotionClass c, Random rng) {
    return ImageFeatures.newBuilder()
        .setMediaId(mediaId)
        .setBackbone(BACKBONE)
        .setDim(IMAGE_DIM)
        .setFeatures(boxed(vector(IMAGE_DIM, c, rng)))
        .setUploadedAt(Instant.now())
        .setExtractedAt(Instant.now())
        .build();
  }

  static List<MusicSegmentFeatures> track(String trackId, EmotionClass c, Random rng) {
    List<MusicSegmentFeatures> out = new ArrayList<>();
    for (int s = 0; s < SEGMENTS_PER_TRACK; s++) {
      out.add(MusicSegmentFeatures.newBuilder()
          .setTrackId(trackId)
          .setSegmentIndex(s)
          .setStartSeconds(s * 10.0)
          .setDurationSeconds(10.0)
          .setWindows(1)
          .setPartial(false)
          .setFeatures(boxed(vector(AcpNetConfig.MUSIC_FEATURE_DIM, c, rng)))
          .setExtractedAt(Instant.now())
          .build());
    }
    return out;
  }

  static MediaLabel label(String itemId, ItemKind kind, String label, String scheme) {
    return MediaLabel.newBuilder()
        .setItemId(itemId)
        .setItemKind(kind)
        .setLabel(label)
        .setScheme(scheme)
        .setSource("test")
        .setLabeledAt(Instant.now())
        .build();
  }

  static MediaLabel label(String itemId, ItemKind kind, EmotionClass c) {
    return label(itemId, kind, c.label(), "3class");
  }

  private static List<Float> boxed(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float f : v) {
      out.add(f);
    }
    return out;
  }
}
