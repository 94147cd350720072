package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.EmotionProbe;
import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.schemas.avro.EmotionDistribution;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;
import java.util.List;

/** A model's probe prediction as the wire's {@link EmotionDistribution}. */
final class Emotions {

  /** Scheme of a model without a probe for a side: no classes, nothing claimed. */
  static final String NONE = "none";

  private Emotions() {}

  static EmotionDistribution of(LoadedModel model, ItemEmbedding embedding) {
    EmotionProbe probe = embedding.modality() == ItemEmbedding.Modality.IMAGE
        ? model.scorer().weights().imageProbe()
        : model.scorer().weights().musicProbe();
    if (probe == null || embedding.emotion() == null) {
      return EmotionDistribution.newBuilder().setScheme(NONE).setClassNames(List.of())
          .setProbabilities(List.of()).build();
    }
    return EmotionDistribution.newBuilder()
        .setScheme(probe.classes().size() == 3 ? "3class" : probe.classes().size() + "class")
        .setClassNames(probe.classes())
        .setProbabilities(CatalogueItem.boxed(embedding.emotion().probabilities()))
        .build();
  }
}
