package dev.acpstream.cli;

import dev.acpstream.core.dataset.LabelledFeatures;
import dev.acpstream.core.dataset.ValdezMehrabianWeakLabels;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.trainer.TrainerConfig;
import dev.acpstream.trainer.TrainerService;
import dev.acpstream.trainer.TrainerStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The demo's model-trainer: the real service (its own application id), fed the photos' weak
 * labels the way a user would label; it joins them with the features the topology produced and
 * waits for music labels before it trains (the sample songs carry none).
 */
final class DemoTrainer implements AutoCloseable {

  static final String APPLICATION_ID = "acp-demo-trainer";

  private final TrainerService service;

  private DemoTrainer(TrainerService service) {
    this.service = service;
  }

  static DemoTrainer start(String bootstrapServers, Path dir) {
    Properties p = new Properties();
    p.setProperty(TrainerConfig.APPLICATION_ID, APPLICATION_ID);
    p.setProperty(TrainerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    p.setProperty(TrainerConfig.WORK_DIR, dir.resolve("work").toString());
    p.setProperty(TrainerConfig.STATE_DIR, dir.resolve("state").toString());
    p.setProperty(TrainerConfig.BACKBONE, "affect");
    return new DemoTrainer(new TrainerService(TrainerConfig.from(p, Map.of())).start());
  }

  /**
   * Labels each photo the pipeline extracted with its rule-assigned (weak) class, computed from the
   * affect features the topology produced; the label's source says it is weak.
   */
  int labelPhotos(String bootstrapServers, Map<String, ImageFeatures> extracted, PrintWriter out) {
    List<String> ids = new ArrayList<>(extracted.keySet());
    float[][] affect = new float[ids.size()][];
    for (int i = 0; i < ids.size(); i++) {
      List<Float> f = extracted.get(ids.get(i)).getFeatures();
      affect[i] = new float[f.size()];
      for (int j = 0; j < affect[i].length; j++) {
        affect[i][j] = f.get(j);
      }
    }
    int[] classes = ValdezMehrabianWeakLabels.classify(ids, affect);
    SerdeConfig serdes = SerdeConfig.singleObject();
    try (KafkaProducer<String, MediaLabel> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        Topics.LABELS_MEDIA.keySerde(serdes).serializer(), Topics.LABELS_MEDIA.valueSerde(serdes).serializer())) {
      for (int i = 0; i < ids.size(); i++) {
        producer.send(new ProducerRecord<>(Topics.LABELS_MEDIA.name(), ids.get(i), MediaLabel.newBuilder()
            .setItemId(ids.get(i)).setItemKind(ItemKind.IMAGE)
            .setLabel(LabelledFeatures.EMOTION_CLASS_NAMES.get(classes[i])).setScheme("3class")
            .setSource("demo: " + ValdezMehrabianWeakLabels.MARK).setLabeledAt(Instant.now()).build()));
      }
    }
    out.printf("%nSent %d weak photo labels to %s for the model-trainer (%s)%n", ids.size(),
        Topics.LABELS_MEDIA.name(), APPLICATION_ID);
    return ids.size();
  }

  /** The trainer's status once it has joined {@code labels} labels with features, or after {@code timeout}. */
  TrainerStatus awaitReady(long labels, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (service.status().labelsReady() < labels && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return service.status();
  }

  @Override
  public void close() {
    service.close();
  }
}
