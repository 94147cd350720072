package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;

/**
 * What the embedder hands to pairing and catalogue matching inside one task (never serialized):
 * the item and its embeddings under the models in use when it arrived.
 *
 * @param champion null while no model is loaded (the item is still kept for pairing)
 * @param challenger null when no shadow model is deployed
 */
public record EmbeddedItem(CatalogueItem item, LoadedModel champion, ItemEmbedding championEmbedding,
    LoadedModel challenger, ItemEmbedding challengerEmbedding) {}
