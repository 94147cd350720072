package dev.acpstream.cli;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import dev.acpstream.core.dataset.AudioMusicFeatures;
import dev.acpstream.core.dataset.ClipFeatureExtraction;
import dev.acpstream.core.dataset.FeatureTable;
import dev.acpstream.core.dataset.FourQDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A dataset's feature table: read from a file, or computed from the audio (and saved). */
final class MusicFeatureTables {

  private MusicFeatureTables() {}

  static FeatureTable readOrCompute(FourQDataset dataset, Path file, int threads, PrintWriter err)
      throws IOException {
    if (file != null && Files.exists(file)) {
      return FeatureTable.read(file);
    }
    int total = dataset.clips().size();
    err.printf(Locale.ROOT, "computing the 193-d music feature of %d clips on %d threads ...%n", total, threads);
    err.flush();
    MusicFeatureExtractor extractor =
        new MusicFeatureExtractor(WindowFeatureExtractors.paper193(), DecodeLimits.DEFAULT);
    Map<String, float[]> rows =
        ClipFeatureExtraction.extract(dataset.clips(), new AudioMusicFeatures(extractor), threads, p -> {
          if (p.done() % 25 == 0 || p.done() == p.total()) {
            err.printf(Locale.ROOT, "  %d/%d clips, %.0f s%n", p.done(), p.total(), p.elapsedSeconds());
            err.flush();
          }
        });
    Path target = file;
    if (target == null) {
      target = Files.createTempFile("acp-features-", ".csv");
      target.toFile().deleteOnExit();
      err.println("(pass --features FILE to keep these features for the next run)");
    } else if (target.toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.toAbsolutePath().getParent());
    }
    FeatureTable.write(target, rows);
    return FeatureTable.read(target);
  }
}
