package dev.acpstream.schemas.serde;

import org.apache.avro.Schema;

/**
 * Test-only earlier versions of catalog records, to prove BACKWARD evolution: data written with
 * these is readable by the current generated classes.
 */
final class OlderSchemas {

  private OlderSchemas() {}

  /** MediaLabel v1: before {@code labeledAt} was added (with a null default) in v2. */
  static final Schema MEDIA_LABEL_V1 = new Schema.Parser().parse("""
      {"type": "record", "name": "MediaLabel", "namespace": "dev.acpstream.schemas.avro",
       "doc": "v1", "fields": [
        {"name": "itemId", "type": "string"},
        {"name": "itemKind", "type": {"type": "enum", "name": "ItemKind", "symbols": ["IMAGE", "MUSIC"]}},
        {"name": "label", "type": "string"},
        {"name": "scheme", "type": "string"},
        {"name": "source", "type": "string"}
       ]}
      """);

  /**
   * A would-be MediaLabel that the current one cannot read: it lacks {@code source}, which the
   * current schema requires without a default (the change BACKWARD compatibility forbids).
   */
  static final Schema MEDIA_LABEL_WITHOUT_SOURCE = new Schema.Parser().parse("""
      {"type": "record", "name": "MediaLabel", "namespace": "dev.acpstream.schemas.avro",
       "fields": [
        {"name": "itemId", "type": "string"},
        {"name": "itemKind", "type": {"type": "enum", "name": "ItemKind", "symbols": ["IMAGE", "MUSIC"]}},
        {"name": "label", "type": "string"},
        {"name": "scheme", "type": "string"}
       ]}
      """);

  /**
   * A newer MediaLabel v3 that adds an optional {@code confidence}: registering it after the
   * current schema is a BACKWARD compatible change, and old readers skip the field.
   */
  static final Schema MEDIA_LABEL_V3 = new Schema.Parser().parse("""
      {"type": "record", "name": "MediaLabel", "namespace": "dev.acpstream.schemas.avro",
       "fields": [
        {"name": "itemId", "type": "string"},
        {"name": "itemKind", "type": {"type": "enum", "name": "ItemKind", "symbols": ["IMAGE", "MUSIC"]}},
        {"name": "label", "type": "string"},
        {"name": "scheme", "type": "string"},
        {"name": "source", "type": "string"},
        {"name": "labeledAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
        {"name": "confidence", "type": ["null", "float"], "default": null}
       ]}
      """);
}
