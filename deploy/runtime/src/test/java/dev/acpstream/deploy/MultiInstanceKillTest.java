package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Two topology instances as separate JVMs on a real broker process; one is killed with SIGKILL
 * mid-stream and started again on its state directory. Every segment of every song must be
 * output exactly once and scored exactly once with each photo under its pairing key
 * (read_committed), with nothing dead-lettered. {@code deploy/soak.sh N}
 * repeats this drill N times and prints the figures.
 */
class MultiInstanceKillTest {

  @Test
  void aKilledInstanceComesBackAndEverySegmentIsOutputAndScoredExactlyOnce() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target"), "kill-drill-");
    try (SoakDrill drill = SoakDrill.start()) {
      KillScenario.Figures f = drill.scenario(work, SoakDrill.defaults()).run(1);
      System.out.println(f.line());
      assertTrue(f.tracksOnKilled() >= 1, "the killed instance owned no track, so the kill proved nothing: " + f.line());
      assertTrue(f.chunksSentAtKill() < f.chunksSent(), "killed mid-stream: " + f.line());
      assertTrue(f.segments().expected() >= 2 * f.tracks(), "70-s clips give a full and a partial segment each: " + f.line());
      assertEquals(KillScenario.PHOTOS_PER_TRACK * f.segments().expected(), f.scores().expected(), f.line());
      for (KillScenario.Tally t : java.util.List.of(f.segments(), f.scores())) {
        assertEquals(0, t.lost(), "lost: " + f.line() + " " + t.countsByKey());
        assertEquals(0, t.duplicated(), "duplicated: " + f.line() + " " + t.countsByKey());
        assertEquals(0, t.unexpected(), "unexpected keys: " + t.countsByKey());
        assertEquals(t.expected(), t.received(), f.line());
      }
      assertEquals(0, f.deadLetters(), "dead letters: " + f.line());
      assertTrue(f.recoveryMs() > 0, "the restarted instance reported ready: " + f.line());
    }
  }
}
