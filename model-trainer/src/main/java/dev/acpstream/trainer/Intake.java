package dev.acpstream.trainer;

import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns each input record into a {@link TrainerEvent} keyed by its root item, remembering its
 * origin. Nothing is judged here: the updater validates, so all rejections come from one place.
 */
final class Intake {

  /** Route of records too broken to name an item; the updater dead-letters them. */
  static final String MALFORMED_ROUTE = "malformed";

  private Intake() {}

  static ProcessorSupplier<String, MediaLabel, String, TrainerEvent> labels(
      Serializer<MediaLabel> serializer) {
    return of((l, m) -> {
      String id = l.getItemId() == null ? null : l.getItemId().toString();
      String kind = l.getItemKind() == null ? null : l.getItemKind().name();
      String route = id == null || id.isBlank() || kind == null ? MALFORMED_ROUTE
          : l.getItemKind() == ItemKind.IMAGE ? ItemKeys.imageLabel(id)
          : ItemKeys.musicRoute(ItemKeys.music(id).trackId());
      return new Routed(route, new TrainerEvent(TrainerEvent.Type.LABEL, id, str(l.getLabel()),
          str(l.getScheme()), kind, -1, null, m.topic(), m.partition(), m.offset(), null,
          serializer.serialize(m.topic(), l)));
    });
  }

  static ProcessorSupplier<String, LabeledPair, String, TrainerEvent> pairs(
      Serializer<LabeledPair> serializer) {
    return of((p, m) -> {
      String image = str(p.getImageId());
      String music = str(p.getMusicId());
      return new Routed(image == null || image.isBlank() ? MALFORMED_ROUTE : ItemKeys.imageLabel(image),
          new TrainerEvent(TrainerEvent.Type.PAIR, image, music, null,
              Boolean.toString(p.getCorresponds()), -1, null, m.topic(), m.partition(), m.offset(),
              null, serializer.serialize(m.topic(), p)));
    });
  }

  /** Image features of {@code backbone} only: a model trains on one backbone's feature space. */
  static ProcessorSupplier<String, ImageFeatures, String, TrainerEvent> images(String backbone) {
    return of((f, m) -> !backbone.equals(str(f.getBackbone())) || f.getMediaId() == null ? null
        : new Routed(ItemKeys.imageLabel(f.getMediaId().toString()),
            new TrainerEvent(TrainerEvent.Type.IMAGE_FEATURES, f.getMediaId().toString(), null, null,
                null, -1, floats(f.getFeatures()), m.topic(), m.partition(), m.offset(), null, null)));
  }

  static ProcessorSupplier<String, MusicSegmentFeatures, String, TrainerEvent> segments() {
    return of((f, m) -> f.getTrackId() == null || f.getSegmentIndex() < 0 ? null
        : new Routed(ItemKeys.musicRoute(f.getTrackId().toString()),
            new TrainerEvent(TrainerEvent.Type.SEGMENT_FEATURES, f.getTrackId().toString(), null,
                null, null, f.getSegmentIndex(), floats(f.getFeatures()), m.topic(), m.partition(),
                m.offset(), null, null)));
  }

  private record Routed(String key, TrainerEvent event) {}

  private static <V> ProcessorSupplier<String, V, String, TrainerEvent> of(
      BiFunction<V, RecordMetadata, Routed> map) {
    return () -> new Processor<>() {
      private ProcessorContext<String, TrainerEvent> context;

      @Override
      public void init(ProcessorContext<String, TrainerEvent> context) {
        this.context = context;
      }

      @Override
      public void process(Record<String, V> record) {
        if (record.value() == null) {
          return;
        }
        RecordMetadata m = context.recordMetadata().orElseThrow();
        Routed r = map.apply(record.value(), m);
        if (r != null) {
          TrainerEvent e = r.event();
          byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
          context.forward(record.withKey(r.key()).withValue(new TrainerEvent(e.type(), e.id(),
              e.other(), e.scheme(), e.kind(), e.segment(), e.features(), e.topic(), e.partition(),
              e.offset(), key, e.raw())));
        }
      }
    };
  }

  private static String str(CharSequence s) {
    return s == null ? null : s.toString();
  }

  private static float[] floats(List<Float> v) {
    float[] f = new float[v.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = v.get(i);
    }
    return f;
  }
}
