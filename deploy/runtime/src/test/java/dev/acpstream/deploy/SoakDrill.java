package dev.acpstream.deploy;

import dev.acpstream.embedded.KafkaBrokerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The loopback cluster the kill drill runs on: one real broker in its own process and the
 * catalog's topics, created by {@link TopicsInit} exactly as a deployment's init job does.
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
      return new SoakDrill(broker);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
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
