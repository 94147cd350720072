package dev.acpstream.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deploy/soak.sh N}: the kill drill of {@link MultiInstanceKillTest} N times on one broker,
 * each run with its own application id and track ids, then the figures: runs, segments and scores
 * expected, received, lost, duplicated, recovery time. Exit 1 when any run lost, duplicated or dead-lettered a record.
 */
public final class SoakMain {

  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    int runs = 10;
    java.util.Map<String, String> instanceConfig = new java.util.TreeMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--set") && i + 1 < args.length && args[i + 1].contains("=")) {
          String kv = args[++i];
          instanceConfig.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        } else {
          runs = Integer.parseInt(args[i]);
          if (runs < 1) {
            throw new NumberFormatException();
          }
        }
      }
    } catch (NumberFormatException e) {
      System.err.println("usage: deploy/soak.sh [RUNS >= 1] [--set KEY=VALUE]... (got " + String.join(" ", args) + ")");
      System.exit(2);
      return;
    }
    // --set overrides the instances' configuration (a file over their environment), e.g. for a
    // negative control: processing.guarantee=at_least_once, acp.audio.idle.timeout.ms=1000.
    KillScenario.Settings settings = SoakDrill.defaults().withInstanceConfig(instanceConfig);
    Path work = Files.createTempDirectory("acp-soak-");
    List<KillScenario.Figures> all = new ArrayList<>();
    long t0 = System.nanoTime();
    try (SoakDrill drill = SoakDrill.start()) {
      System.out.printf("soak: %d run(s)%s; %s; work dir %s%n", runs,
          instanceConfig.isEmpty() ? "" : " with " + instanceConfig,
          String.join("; ", drill.notes()), work);
      for (int run = 1; run <= runs; run++) {
        KillScenario.Figures f = drill.scenario(work, settings).run(run);
        all.add(f);
        System.out.println(f.line());
      }
    }
    List<Long> recovery = all.stream().map(KillScenario.Figures::recoveryMs).sorted().toList();
    System.out.printf("soak: %d runs in %.0f s; segments %s; scores %s; dead letters %d; recovery (kill -9 to ready) "
            + "min %.1f s, median %.1f s, max %.1f s; killed mid-stream in %d of %d runs; the killed instance owned %d "
            + "track(s) in total%n",
        all.size(), (System.nanoTime() - t0) / 1e9,
        total(all.stream().map(KillScenario.Figures::segments).toList()),
        total(all.stream().map(KillScenario.Figures::scores).toList()),
        all.stream().mapToInt(KillScenario.Figures::deadLetters).sum(),
        recovery.get(0) / 1e3, recovery.get(recovery.size() / 2) / 1e3, recovery.get(recovery.size() - 1) / 1e3,
        all.stream().filter(f -> f.chunksSentAtKill() < f.chunksSent()).count(), all.size(),
        all.stream().mapToInt(KillScenario.Figures::tracksOnKilled).sum());
    System.exit(all.stream().allMatch(KillScenario.Figures::exactlyOnce) ? 0 : 1);
  }

  private static String total(List<KillScenario.Tally> tallies) {
    return String.format("expected %d, received %d, lost %d, duplicated %d, unexpected %d",
        tallies.stream().mapToInt(KillScenario.Tally::expected).sum(),
        tallies.stream().mapToInt(KillScenario.Tally::received).sum(),
        tallies.stream().mapToInt(KillScenario.Tally::lost).sum(),
        tallies.stream().mapToInt(KillScenario.Tally::duplicated).sum(),
        tallies.stream().mapToInt(KillScenario.Tally::unexpected).sum());
  }
}
