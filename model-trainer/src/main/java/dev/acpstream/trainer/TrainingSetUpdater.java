package dev.acpstream.trainer;

import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.schemas.DeadLetters;
import dev.acpstream.schemas.avro.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the training set: labels joined with the features of their items (either may come
 * first), labelled pairs, and the counters that trigger retraining. Bad labels become dead
 * letters (in the same transaction as the store updates); a label whose item's features have not
 * arrived within the timeout is dead-lettered as UNKNOWN_ITEM and dropped.
 *
 * <p>A wall-clock punctuation records finished runs, expires pending labels and starts a run when
 * N new ready labels arrived, or T passed since the last run with at least one.
 */
final class TrainingSetUpdater implements Processor<String, TrainerEvent, String, DeadLetter> {

  private final TrainerConfig config;
  private final RunCoordinator runs;
  private final TrainerStatusBoard status;
  private ProcessorContext<String, DeadLetter> context;
  private KeyValueStore<String, byte[]> labels;
  private KeyValueStore<String, byte[]> pending;
  private KeyValueStore<String, byte[]> images;
  private KeyValueStore<String, byte[]> segments;
  private KeyValueStore<String, byte[]> pairs;
  private KeyValueStore<String, byte[]> progress;

  TrainingSetUpdater(TrainerConfig config, RunCoordinator runs, TrainerStatusBoard status) {
    this.config = config;
    this.runs = runs;
    this.status = status;
  }

  @Override
  public void init(ProcessorContext<String, DeadLetter> context) {
    this.context = context;
    labels = context.getStateStore(TrainingStores.LABELS);
    pending = context.getStateStore(TrainingStores.PENDING);
    images = context.getStateStore(TrainingStores.IMAGES);
    segments = context.getStateStore(TrainingStores.SEGMENTS);
    pairs = context.getStateStore(TrainingStores.PAIRS);
    progress = context.getStateStore(TrainingStores.PROGRESS);
    context.schedule(config.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    publishCounts();
  }

  @Override
  public void process(Record<String, TrainerEvent> record) {
    TrainerEvent e = record.value();
    try {
      switch (e.type()) {
        case LABEL -> label(e);
        case PAIR -> pair(e);
        case IMAGE_FEATURES -> {
          images.put(e.id(), TrainingStores.floats(e.features()));
          resolve(ItemKeys.imageLabel(e.id()));
        }
        case SEGMENT_FEATURES -> {
          String seg = ItemKeys.segment(e.id(), e.segment());
          segments.put(seg, TrainingStores.floats(e.features()));
          resolve(ItemKeys.musicLabel(e.id()));
          resolve(ItemKeys.musicLabel(seg));
        }
      }
    } catch (RejectedLabelException r) {
      deadLetter(e, r, record.timestamp());
    }
  }

  private void label(TrainerEvent e) {
    if (e.id() == null || e.id().isBlank()) {
      throw new RejectedLabelException(RejectedLabelException.Reason.MALFORMED_LABEL,
          "label without an item id");
    }
    boolean image = "IMAGE".equals(e.kind());
    if (!image && !"MUSIC".equals(e.kind())) {
      throw new RejectedLabelException(RejectedLabelException.Reason.MALFORMED_LABEL,
          "label of item '" + e.id() + "' has item kind '" + e.kind() + "' (expected IMAGE or MUSIC)");
    }
    EmotionClass emotion;
    try {
      emotion = LabelSchemes.emotionClass(e.scheme(), e.other() == null ? "" : e.other());
    } catch (RejectedLabelException r) {
      throw new RejectedLabelException(r.reason(), "label of item '" + e.id() + "': " + r.getMessage());
    }
    String key = image ? ItemKeys.imageLabel(e.id()) : ItemKeys.musicLabel(e.id());
    long now = System.currentTimeMillis();
    labels.put(key, new StoredLabel(image, e.id(), emotion, e.scheme(), e.other(), null, now).encode());
    add(TrainingStores.SEEN, 1);
    if (hasFeatures(image, e.id())) {
      pending.delete(key);
      add(TrainingStores.READY, 1);
    } else {
      pending.put(key, new PendingLabel(now, e).encode());
    }
  }

  private boolean hasFeatures(boolean image, String itemId) {
    if (image) {
      return images.get(itemId) != null;
    }
    ItemKeys.MusicItem m = ItemKeys.music(itemId);
    if (m.segment() >= 0) {
      return segments.get(m.itemId()) != null;
    }
    try (KeyValueIterator<String, byte[]> it = segments.prefixScan(m.trackId() + ":", new StringSerializer())) {
      while (it.hasNext()) {
        if (ItemKeys.music(it.next().key).trackId().equals(m.trackId())) {
          return true;
        }
      }
    }
    return false;
  }

  private void pair(TrainerEvent e) {
    if (e.id() == null || e.id().isBlank() || e.other() == null || e.other().isBlank()) {
      throw new RejectedLabelException(RejectedLabelException.Reason.MALFORMED_LABEL,
          "labelled pair without an image id or a music id: '" + e.id() + "', '" + e.other() + "'");
    }
    pairs.put(TrainingStores.pairKey(e.id(), e.other()),
        new StoredPair(e.id(), e.other(), Boolean.parseBoolean(e.kind())).encode());
  }

  private void resolve(String labelKey) {
    if (pending.get(labelKey) != null) {
      pending.delete(labelKey);
      add(TrainingStores.READY, 1);
    }
  }

  private void check(long now) {
    for (RunCoordinator.Completion c; (c = runs.pollCompletion()) != null; ) {
      progress.put(TrainingStores.TRAINED,
          TrainingStores.count(Math.max(c.readyLabels(), get(TrainingStores.TRAINED))));
      progress.put(TrainingStores.LAST_RUN, TrainingStores.count(c.finishedAtMillis()));
    }
    expirePending(now);
    if (progress.get(TrainingStores.LAST_RUN) == null) {
      // The T clock starts when the trainer first runs, not at the epoch.
      progress.put(TrainingStores.LAST_RUN, TrainingStores.count(now));
    }
    long ready = get(TrainingStores.READY);
    long trained = Math.max(get(TrainingStores.TRAINED), runs.trainedFloor());
    long fresh = ready - trained;
    boolean due = fresh >= config.retrainLabels()
        || (fresh > 0 && now - get(TrainingStores.LAST_RUN) >= config.retrainInterval().toMillis());
    if (due && runs.idle()) {
      runs.submit(ready);
    }
    publishCounts();
  }

  private void expirePending(long now) {
    long timeout = config.labelTimeout().toMillis();
    List<KeyValue<String, PendingLabel>> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = pending.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        PendingLabel p = PendingLabel.decode(kv.value);
        if (now - p.acceptedAtMillis() >= timeout) {
          expired.add(KeyValue.pair(kv.key, p));
        }
      }
    }
    for (KeyValue<String, PendingLabel> kv : expired) {
      pending.delete(kv.key);
      labels.delete(kv.key);
      TrainerEvent e = kv.value.event();
      deadLetter(e, new RejectedLabelException(RejectedLabelException.Reason.UNKNOWN_ITEM,
          String.format(Locale.ROOT, "no features arrived for %s item '%s' within %s of its label",
              e.kind() == null ? "" : e.kind().toLowerCase(Locale.ROOT), e.id(),
              Duration.ofMillis(timeout))), now);
    }
  }

  private void deadLetter(TrainerEvent e, RejectedLabelException r, long timestamp) {
    DeadLetter letter = DeadLetters.of(e.topic(), e.partition(), e.offset(), e.rawKey(), e.raw(),
        r.reason().name(), r, config.applicationId(), Instant.now(), config.deadLetterPayloadMaxBytes());
    context.forward(new Record<>(e.topic() == null ? "" : e.topic(), letter, timestamp));
    status.rejected();
  }

  private void publishCounts() {
    status.counts(get(TrainingStores.SEEN), get(TrainingStores.READY));
  }

  private long get(String key) {
    return TrainingStores.count(progress.get(key));
  }

  private void add(String key, long delta) {
    progress.put(key, TrainingStores.count(get(key) + delta));
  }
}
