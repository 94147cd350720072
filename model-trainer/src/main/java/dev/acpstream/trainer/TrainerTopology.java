package dev.acpstream.trainer;

import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.serde.SerdeConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The trainer's Kafka Streams topology: labels, labelled pairs and both feature topics become
 * {@link TrainerEvent}s, meet in one repartition topic keyed by item (the inputs have different
 * partition counts and keys), and update the changelogged training-set stores; rejected labels
 * go to {@code errors.dead-letter}.
 *
 * <p>The repartition topic has one partition: the training set, its counters and its trigger
 * live in one task, so there is one trigger and one run at a time per trainer.
 */
final class TrainerTopology {

  static final String INPUT = "trainer-input";

  private TrainerTopology() {}

  static Topology build(TrainerConfig config, RunCoordinator runs, TrainerStatusBoard status) {
    SerdeConfig serdes = config.serdeConfig();
    StreamsBuilder b = new StreamsBuilder();
    KStream<String, TrainerEvent> labels = source(b, Topics.LABELS_MEDIA, serdes)
        .process(Intake.labels(Topics.LABELS_MEDIA.valueSerde(serdes).serializer()));
    KStream<String, TrainerEvent> pairs = source(b, Topics.PAIRS_LABELED, serdes)
        .process(Intake.pairs(Topics.PAIRS_LABELED.valueSerde(serdes).serializer()));
    KStream<String, TrainerEvent> images = source(b, Topics.FEATURES_IMAGE, serdes)
        .process(Intake.images(config.backbone()));
    KStream<String, TrainerEvent> segments = source(b, Topics.FEATURES_MUSIC_SEGMENT, serdes)
        .process(Intake.segments());
    String[] stores = {TrainingStores.LABELS, TrainingStores.PENDING, TrainingStores.IMAGES,
        TrainingStores.SEGMENTS, TrainingStores.PAIRS, TrainingStores.PROGRESS};
    for (String s : stores) {
      b.addStateStore(TrainingStores.builder(s));
    }
    labels.merge(pairs).merge(images).merge(segments)
        .repartition(Repartitioned.<String, TrainerEvent>as(INPUT)
            .withKeySerde(Serdes.String())
            .withValueSerde(TrainerEvent.SERDE)
            .withNumberOfPartitions(1))
        .process(() -> new TrainingSetUpdater(config, runs, status), stores)
        .to(Topics.ERRORS_DEAD_LETTER.name(), Produced.with(
            Topics.ERRORS_DEAD_LETTER.keySerde(serdes), Topics.ERRORS_DEAD_LETTER.valueSerde(serdes)));
    return b.build();
  }

  private static <V> KStream<String, V> source(StreamsBuilder b, TopicSpec<String, V> topic,
      SerdeConfig serdes) {
    return b.stream(topic.name(), Consumed.with(topic.keySerde(serdes), topic.valueSerde(serdes)));
  }
}
