package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Two topology instances as separate JVMs on a real broker process; one is killed with SIGKILL
 * mid-stream and started again on its state directory. Every segment of every song must be
 * output exactly once (read_committed), with nothing dead-lettered. {@code deploy/soak.sh N}
 * repeats this drill N times and prints the figures.
 */
class MultiInstanceKillTest {

  @Test
  void aKilledInstanceComesBackAndEverySegmentIsOutputExactlyOnce() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target"), "kill-drill-");
    try (SoakDrill drill = SoakDrill.start()) {
      KillScenario.Figures f = drill.scenario(work, SoakDrill.defaults()).run(1);
      System.out.println(f.line());
      assertTrue(f.tracksOnKilled() >= 1, "the killed instance owned no track, so the kill proved nothing: " + f.line());
      assertTrue(f.chunksSentAtKill() < f.chunksSent(), "killed mid-stream: " + f.line());
      assertTrue(f.expected() >= 2 * f.tracks(), "70-s clips give a full and a partial segment each: " + f.line());
      assertEquals(0, f.lost(), "lost: " + f.line() + " " + f.countsByKey());
      assertEquals(0, f.duplicated(), "duplicated: " + f.line() + " " + f.countsByKey());
      assertEquals(0, f.unexpected(), "unexpected keys: " + f.countsByKey());
      assertEquals(0, f.deadLetters(), "dead letters: " + f.line());
      assertEquals(f.expected(), f.received(), f.line());
      assertTrue(f.recoveryMs() > 0, "the restarted instance reported ready: " + f.line());
    }
  }
}
