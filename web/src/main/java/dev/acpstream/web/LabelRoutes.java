package dev.acpstream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.schemas.Keys;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Training data from people: emotion labels on items, and feedback on pairs (true or false match). */
final class LabelRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MediaProducers producers;
  private final WebMetrics metrics;

  LabelRoutes(MediaProducers producers, WebMetrics metrics) {
    this.producers = producers;
    this.metrics = metrics;
  }

  void register(Javalin app) {
    app.post("/api/labels", this::label);
    app.post("/api/pairs", this::pair);
  }

  private void label(Context ctx) {
    JsonNode body = body(ctx);
    MediaLabel label = label(
        text(body, "itemId"), text(body, "itemKind"), text(body, "label"), text(body, "scheme"),
        optionalText(body, "source", "web"));
    RecordMetadata m = producers.send(Topics.LABELS_MEDIA, label.getItemId(), label);
    metrics.countProduced(Topics.LABELS_MEDIA.name(), 1);
    ctx.status(201).json(Map.of("topic", Topics.LABELS_MEDIA.name(), "key", label.getItemId(),
        "partition", m.partition(), "offset", m.offset()));
  }

  private void pair(Context ctx) {
    JsonNode body = body(ctx);
    String imageId = id(body, "imageId");
    String musicId = id(body, "musicId");
    JsonNode corresponds = body.get("corresponds");
    if (corresponds == null || !corresponds.isBoolean()) {
      throw ApiException.badRequest("corresponds", "'corresponds' must be true or false");
    }
    LabeledPair pair = LabeledPair.newBuilder()
        .setImageId(imageId)
        .setMusicId(musicId)
        .setCorresponds(corresponds.booleanValue())
        .setSource(optionalText(body, "source", "web"))
        .setLabeledAt(Instant.now())
        .build();
    String key = Keys.pair(imageId, musicId);
    RecordMetadata m = producers.send(Topics.PAIRS_LABELED, key, pair);
    metrics.countProduced(Topics.PAIRS_LABELED.name(), 1);
    ctx.status(201).json(Map.of("topic", Topics.PAIRS_LABELED.name(), "key", key, "partition", m.partition(),
        "offset", m.offset()));
  }

  /**
   * A checked label, shared with {@code bin/acp label}.
   *
   * @throws ApiException 400 naming the field that is wrong
   */
  static MediaLabel label(String itemId, String itemKind, String label, String scheme, String source) {
    ItemKind kind;
    try {
      kind = ItemKind.valueOf(itemKind.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("itemKind", "itemKind must be IMAGE or MUSIC, got '" + itemKind + "'");
    }
    return LabelChecks.label(Ids.check("itemId", itemId), kind, label, scheme, source);
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode n = JSON.readTree(ctx.body());
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("body", "the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("body", "the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ApiException.badRequest(field, "'" + field + "' is required (a non-empty string)");
    }
    return v.asText();
  }

  private static String id(JsonNode body, String field) {
    try {
      return Ids.check(field, text(body, field));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  private static String optionalText(JsonNode body, String field, String dflt) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? dflt : v.asText();
  }
}
