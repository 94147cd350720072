package dev.acpstream.deploy;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.core.image.AffectDescriptor;
import dev.acpstream.embedded.KafkaBrokerProcess;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.model.ModelRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The loopback cluster the kill drill runs on: one real broker in its own process and the
 * catalog's topics, created by {@link TopicsInit} exactly as a deployment's init job does, and a
 * published champion model.
 */
final class SoakDrill implements AutoCloseable {

  /** The default drill: every sample song, its first 70 s (one full and one partial segment each). */
  static KillScenario.Settings defaults() throws IOException {
    return new KillScenario.Settings(SongClips.sampleSongs(), 70, Duration.ofMillis(250), Duration.ofSeconds(240),
        Map.of());
  }

  private final KafkaBrokerProcess broker;

  private SoakDrill(KafkaBrokerProcess broker) {
    this.broker = broker;
  }

  static SoakDrill start() {
    KafkaBrokerProcess broker = KafkaBrokerProcess.start();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = TopicsInit.run(new String[0], Map.of("ACP_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
      if (status != 0) {
        throw new IllegalStateException("creating the topics failed (" + status + "): " + out.toString(StandardCharsets.UTF_8));
      }
      publishChampion(broker.bootstrapServers());
      return new SoakDrill(broker);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /**
   * An untrained (seeded) champion for the default backbone, so the instances score: the drill
   * checks that each pair is scored once, not what the score says.
   */
  private static void publishChampion(String bootstrapServers) {
    AcpNetArtifact artifact = new AcpNetArtifact(
        RandomWeights.of(AcpNetConfig.paper(AffectBackbone.ID, AffectDescriptor.DIM), 7, true),
        new ArtifactInfo(Instant.now(), true, Map.of("seed", 7), Map.of("datasets", "none (seeded random weights)")));
    AcpNetModel record = ModelRecords.published(ModelRecords.CHAMPION, "soak-1", artifact, artifact.toBytes(),
        "the kill drill's untrained champion");
    SerdeConfig serdes = SerdeConfig.singleObject();
    try (KafkaProducer<String, AcpNetModel> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_MESSAGE_BYTES),
        Topics.MODELS_ACPNET.keySerde(serdes).serializer(), Topics.MODELS_ACPNET.valueSerde(serdes).serializer())) {
      producer.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION, record)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the drill's model", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("publishing the drill's model failed", e.getCause());
    }
  }

  KillScenario scenario(Path workDir, KillScenario.Settings settings) {
    return new KillScenario(broker.bootstrapServers(), workDir, settings);
  }

  List<String> notes() {
    return List.of("broker " + broker.bootstrapServers() + ", log " + broker.logFile());
  }

  @Override
  public void close() {
    broker.close();
  }
}
