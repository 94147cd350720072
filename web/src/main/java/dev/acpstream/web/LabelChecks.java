package dev.acpstream.web;

import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labelling schemes the trainer reads and their classes: a label outside its scheme would
 * only be dropped (or worse, mislearned) downstream, so it is refused where it enters.
 */
public final class LabelChecks {

  /** Scheme name to its classes, as the datasets spell them. */
  public static final Map<String, List<String>> SCHEMES = Map.of(
      "3class", List.of("negative", "neutral", "positive"),
      "4q", List.of("Q1", "Q2", "Q3", "Q4"),
      "iaps8", List.of("amusement", "anger", "awe", "contentment", "disgust", "excitement", "fear", "sadness"));

  private LabelChecks() {}

  /**
   * @throws ApiException 400 naming the field when the scheme is unknown or the label not one of its classes
   */
  public static MediaLabel label(String itemId, ItemKind kind, String label, String scheme, String source) {
    String s = scheme == null ? "" : scheme.strip().toLowerCase(Locale.ROOT);
    List<String> classes = SCHEMES.get(s);
    if (classes == null) {
      throw ApiException.badRequest("scheme", "unknown scheme '" + scheme + "'; known: " + SCHEMES.keySet());
    }
    String canonical = classes.stream().filter(c -> c.equalsIgnoreCase(label == null ? "" : label.strip()))
        .findFirst()
        .orElseThrow(() -> ApiException.badRequest("label", "'" + label + "' is not a class of scheme " + s
            + " " + classes));
    if (source == null || source.isBlank()) {
      throw ApiException.badRequest("source", "source must name who labelled the item");
    }
    return MediaLabel.newBuilder()
        .setItemId(itemId)
        .setItemKind(kind)
        .setLabel(canonical)
        .setScheme(s)
        .setSource(source)
        .setLabeledAt(Instant.now())
        .build();
  }
}
