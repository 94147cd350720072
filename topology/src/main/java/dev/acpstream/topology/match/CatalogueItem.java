package dev.acpstream.topology.match;

import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.Keys;
import java.util.List;

/**
 * An image or a music segment as the matching side sees it: its id, where it pairs, and the input
 * features any model version can embed. Embeddings are model-specific and kept apart
 * ({@link EmbeddingCache}), so a model swap never leaves a stale vector in a store.
 *
 * @param id mediaId for an image, {@code trackId:segmentIndex} for a segment
 * @param pairingKey null when the item takes part in catalogue matching only
 * @param segmentIndex -1 for an image
 */
public record CatalogueItem(String id, ItemKind kind, String pairingKey, String trackId,
    int segmentIndex, float[] features, long sourceTimestampMs) {

  public static CatalogueItem of(ImageFeatures f) {
    return new CatalogueItem(f.getMediaId(), ItemKind.IMAGE, f.getPairingKey(), null, -1,
        floats(f.getFeatures()), f.getUploadedAt().toEpochMilli());
  }

  public static CatalogueItem of(MusicSegmentFeatures f, long fallbackTimestampMs) {
    long source = f.getSourceTimestamp() == null ? fallbackTimestampMs : f.getSourceTimestamp().toEpochMilli();
    return new CatalogueItem(Keys.segment(f.getTrackId(), f.getSegmentIndex()), ItemKind.MUSIC,
        f.getPairingKey(), f.getTrackId(), f.getSegmentIndex(), floats(f.getFeatures()), source);
  }

  /** The catalogue entry an {@code embeddings.*} record stands for; null when it carries no features. */
  public static CatalogueItem of(Embedding e) {
    if (e.getFeatures() == null) {
      return null;
    }
    String trackId = e.getKind() == ItemKind.MUSIC ? trackOf(e.getItemId()) : null;
    return new CatalogueItem(e.getItemId(), e.getKind(), e.getPairingKey(), trackId,
        e.getSegmentIndex() == null ? -1 : e.getSegmentIndex(), floats(e.getFeatures()),
        e.getSourceTimestamp().toEpochMilli());
  }

  public boolean isImage() {
    return kind == ItemKind.IMAGE;
  }

  static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  static List<Float> boxed(float[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return List.of(out);
  }

  private static String trackOf(String segmentKey) {
    int colon = segmentKey.lastIndexOf(':');
    return colon < 0 ? segmentKey : segmentKey.substring(0, colon);
  }
}
