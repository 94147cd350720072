package dev.acpstream.core.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a decoded image into the fixed-length vector ACP-Net's image branch consumes (the paper: Inception-V3's
 * 2048-d penultimate layer). Implementations are thread-safe: stream threads share one instance.
 */
public interface ImageBackbone extends AutoCloseable {

  /** The spec that recreates this backbone: {@code affect} or {@code tf:/abs/path}. */
  String id();

  /** Length of every vector returned. */
  int dim();

  /** @throws BackboneException naming the image's source when inference fails */
  float[] features(DecodedImage image);

  /** One vector per image, in order; backbones that batch (TensorFlow) run the list in as few calls as they can. */
  default List<float[]> features(List<DecodedImage> images) {
    List<float[]> out = new ArrayList<>(images.size());
    for (DecodedImage image : images) {
      out.add(features(image));
    }
    return out;
  }

  @Override
  default void close() {}
}
