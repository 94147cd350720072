package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCommandTest {

  @Test
  void aBadSettingIsNamedBeforeAnythingStarts() {
    Fixtures.Run r = Fixtures.run(new TrainerCommand(), "--set", "acp.trainer.promotion.margin=2");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("acp.trainer.promotion.margin"), r.err());
  }

  @Test
  void aMissingConfigFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    Fixtures.Run r = Fixtures.run(new TrainerCommand(), "--config", missing.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @Test
  void runsAgainstABrokerCreatingItsTopicsAndStops(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("trainer.properties");
    Files.writeString(config, "acp.trainer.dir=" + dir.resolve("work") + "\napplication.id=acp-trainer-cli\n");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Fixtures.Run r = Fixtures.run(new TrainerCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
          "--config", config.toString(), "--set", "acp.trainer.check.interval.ms=200", "--run-for", "3");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("acp trainer: acp-trainer-cli on " + kafka.bootstrapServers()), r.out());
      assertTrue(r.out().contains("champion none"), r.out());
      assertTrue(r.out().contains("acp trainer: stopping"), r.out());
      assertTrue(Files.exists(dir.resolve("work/status.json")));
      Properties admin = new Properties();
      admin.put("bootstrap.servers", kafka.bootstrapServers());
      try (Admin a = Admin.create(admin)) {
        Set<String> topics = a.listTopics().names().get();
        assertTrue(topics.contains(Topics.LABELS_MEDIA.name()) && topics.contains(Topics.MODELS_ACPNET.name()), topics.toString());
      }
    }
  }
}
