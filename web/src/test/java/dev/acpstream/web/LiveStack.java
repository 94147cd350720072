package dev.acpstream.web;

import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything the page needs, for real and in this JVM: the embedded broker, an untrained champion
 * on models.acpnet, the topology (exactly-once, affect backbone, a cheap window extractor) and the
 * web server answering from the topology's interactive queries.
 */
final class LiveStack implements AutoCloseable {

  final EmbeddedKafka kafka;
  final AcpStreamsApp app;
  final AcpWebServer server;
  final Http http;

  LiveStack(Path work) throws Exception {
    kafka = Broker.startWithTopics();
    try (MediaProducers p = new MediaProducers(kafka.bootstrapServers(), SerdeConfig.singleObject(),
        Duration.ofSeconds(30), Topics.MODEL_MAX_MESSAGE_BYTES)) {
      p.send(Topics.MODELS_ACPNET, ModelRecords.CHAMPION, UntrainedModel.champion(7));
    }
    Path media = Files.createDirectories(work.resolve("media"));
    Properties props = new Properties();
    props.setProperty(TopologyConfig.APPLICATION_ID, "acp-web-test");
    props.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.setProperty(TopologyConfig.STATE_DIR, Files.createDirectories(work.resolve("state")).toString());
    props.setProperty(TopologyConfig.IMAGE_REFERENCE_ROOTS, media.resolve("images").toString());
    props.setProperty("commit.interval.ms", "200");
    props.setProperty("num.stream.threads", "1");
    app = new AcpStreamsApp(TopologyConfig.from(props, Map.of()), new QuickWindows(), new AffectBackbone()).start();
    awaitTrue(() -> app.streams().state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(90),
        "the topology to run");
    awaitTrue(() -> app.queries().models().championVersion() != null, Duration.ofSeconds(60),
        "the champion to load");
    server = new AcpWebServer(WebConfig.local(kafka.bootstrapServers(), 0, media), app.queries(), app.streams())
        .start();
    http = new Http(server.url());
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try {
        app.close();
      } finally {
        kafka.close();
      }
    }
  }
}
