package dev.acpstream.core.acpnet;

import dev.acpstream.core.acpnet.EmotionProbe.EmotionPrediction;

/**
 * One item (an image or a music segment) passed once through its subnetwork: the 1024-d
 * embedding, this side's share of the first fusion layer (so scoring a pair needs only the rest
 * of the fusion network), and the probe's emotion when the model has a probe for this side.
 *
 * @param emotion null when the model has no probe for this modality
 */
public record ItemEmbedding(Modality modality, float[] embedding, float[] fusionPartial,
    EmotionPrediction emotion) {

  public enum Modality { IMAGE, MUSIC }
}
