package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.model.ModelRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code acp model publish} against a real broker, and {@code acp topology}'s refusals. */
class ModelCommandTest {

  @Test
  void publishesAChampionAndAChallengerAndWithdrawsTheChallenger(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("m.acpnet");
    AcpNetArtifact artifact = new AcpNetArtifact(RandomWeights.of(AcpNetConfig.paper("affect", 42), 5, true),
        new ArtifactInfo(Instant.now(), true, Map.of(), Map.of("test.accuracy", 0.61)));
    artifact.save(file);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
      }
      String bs = "--bootstrap-servers=" + kafka.bootstrapServers();
      assertEquals(0, run("model", "publish", file.toString(), bs), out.toString() + err);
      assertEquals(0, run("model", "publish", file.toString(), "--as", "challenger", "--version", "c7", bs));
      assertEquals(0, run("model", "publish", "--as", "challenger", "--withdraw", bs));
      List<ConsumerRecord<String, AcpNetModel>> records = read(kafka.bootstrapServers(), 3);
      assertEquals(ModelRecords.CHAMPION, records.get(0).key());
      assertEquals("m.acpnet", records.get(0).value().getVersion());
      assertEquals(0.61, records.get(0).value().getMetrics().get("test.accuracy"), 1e-9);
      assertEquals(artifact.weights().config(), ModelRecords.artifact(records.get(0).value()).weights().config());
      assertEquals("c7", records.get(1).value().getVersion());
      assertEquals(ModelRecords.CHALLENGER, records.get(2).key());
      assertNull(records.get(2).value(), "a tombstone");
    }
  }

  @Test
  void refusesBadRolesMissingFilesAndBadConfigNamingThem(@TempDir Path tmp) {
    assertEquals(2, run("model", "publish", "x.acpnet", "--as", "king"));
    assertTrue(err.toString().contains("--as must be champion or challenger"), err::toString);
    assertEquals(2, run("model", "publish", "--as", "champion", "--withdraw"));
    assertTrue(err.toString().contains("only the challenger can be withdrawn"), err::toString);
    assertEquals(1, run("model", "publish", tmp.resolve("missing.acpnet").toString()));
    assertTrue(err.toString().contains("missing.acpnet"), err::toString);
    assertEquals(2, run("topology", "--config", tmp.resolve("nope.properties").toString()));
    assertTrue(err.toString().contains("nope.properties is not a file"), err::toString);
    assertEquals(2, run("topology", "--set", "acp.audio.buffer.max.chunks=0"));
    assertTrue(err.toString().contains("acp.audio.buffer.max.chunks"), err::toString);
  }

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private static List<ConsumerRecord<String, AcpNetModel>> read(String bootstrap, int n) {
    SerdeConfig serdes = SerdeConfig.singleObject();
    List<ConsumerRecord<String, AcpNetModel>> out = new ArrayList<>();
    try (KafkaConsumer<String, AcpNetModel> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "t",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        Topics.MODELS_ACPNET.keySerde(serdes).deserializer(), Topics.MODELS_ACPNET.valueSerde(serdes).deserializer())) {
      c.subscribe(List.of(Topics.MODELS_ACPNET.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < n && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
