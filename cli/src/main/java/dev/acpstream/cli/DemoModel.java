package dev.acpstream.cli;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetTrainer;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.TrainingResult;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import dev.acpstream.core.dataset.AudioMusicFeatures;
import dev.acpstream.core.dataset.ClipFeatureExtraction;
import dev.acpstream.core.dataset.FeatureTable;
import dev.acpstream.core.dataset.FourQClip;
import dev.acpstream.core.dataset.FourQDataset;
import dev.acpstream.core.dataset.LabelledFeatures;
import dev.acpstream.core.dataset.Quadrant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's first model. In order: a model file the user names; the one a previous demo trained
 * (cached); one trained now on a class-balanced subset of 4Q (the music's human emotion labels)
 * and the demo photos (weak, rule-assigned labels: marked as such in the artifact); without 4Q,
 * an untrained model, announced as one, so the pipeline still runs end to end.
 */
final class DemoModel {

  /** What was obtained and how to describe it. */
  record Obtained(AcpNetArtifact artifact, String version, String description) {}

  private static final long SEED = 7;

  private DemoModel() {}

  static Obtained obtain(Path modelFile, Path fourQ, int clipsPerQuadrant, Path imageDir, Path cacheDir,
      PrintWriter out) throws IOException {
    if (modelFile != null) {
      AcpNetArtifact a = AcpNetArtifact.load(modelFile);
      return new Obtained(a, "file-" + modelFile.getFileName(), "loaded from " + modelFile);
    }
    if (fourQ == null || !Files.isDirectory(fourQ.resolve("Q1"))) {
      out.println("  no 4Q dataset at " + fourQ + " (set --music-data): scoring with an UNTRAINED model "
          + "(seeded random weights); its scores carry no meaning");
      AcpNetArtifact a = new AcpNetArtifact(RandomWeights.of(AcpNetConfig.paper("affect", 42), SEED, true),
          new ArtifactInfo(Instant.now(), true, Map.of("note", "untrained: seeded random weights"), Map.of()));
      return new Obtained(a, "untrained-" + SEED, "untrained (no training data found)");
    }
    Files.createDirectories(cacheDir);
    Path cached = cacheDir.resolve("demo-model-4q" + clipsPerQuadrant + "-s" + SEED + ".acpnet");
    if (Files.isRegularFile(cached)) {
      return new Obtained(AcpNetArtifact.load(cached), "demo-4q" + clipsPerQuadrant,
          "trained by an earlier demo run (" + cached + ")");
    }
    long t0 = System.nanoTime();
    LabelledFeatures music = music(fourQ, clipsPerQuadrant, cacheDir, out);
    CorrespondenceImages.Loaded photos = CorrespondenceImages.load(imageDir, out);
    LabelledFeatures images = new LabelledFeatures(photos.ids(), photos.affect(), photos.labels(),
        LabelledFeatures.EMOTION_CLASS_NAMES);
    out.printf(Locale.ROOT, "  training ACP-Net (DJL, PyTorch engine) on %d 4Q clips and %d photos (%s labels) ...%n",
        music.size(), images.size(), photos.labelKind());
    out.flush();
    TrainingOptions options = TrainingOptions.paper(SEED).withMaxEpochs(12).withLearningRate(3e-4f);
    TrainingResult r = new AcpNetTrainer(Clock.systemUTC()).train(AcpNetConfig.paper("affect", 42), music,
        images, null, photos.weak(), options, s -> { });
    r.artifact().save(cached);
    out.printf(Locale.ROOT, "  trained in %.1f s: validation pair accuracy %.3f (best epoch %d); cached in %s%n",
        (System.nanoTime() - t0) / 1e9, r.report().validationAccuracy(), r.report().bestEpoch(), cached);
    return new Obtained(r.artifact(), "demo-4q" + clipsPerQuadrant, "trained now on 4Q + the demo photos");
  }

  /** {@code perQuadrant} clips of each quadrant (the first by name), with features computed once and cached. */
  private static LabelledFeatures music(Path root, int perQuadrant, Path cacheDir, PrintWriter out) throws IOException {
    FourQDataset data = FourQDataset.load(root);
    Map<Quadrant, List<FourQClip>> byQuadrant = new EnumMap<>(Quadrant.class);
    data.clips().stream().sorted(Comparator.comparing(FourQClip::relativePath))
        .forEach(c -> byQuadrant.computeIfAbsent(c.quadrant(), q -> new ArrayList<>()).add(c));
    List<FourQClip> chosen = new ArrayList<>();
    byQuadrant.values().forEach(l -> chosen.addAll(l.subList(0, Math.min(perQuadrant, l.size()))));
    Path table = cacheDir.resolve("demo-4q" + perQuadrant + "-features.csv");
    Map<String, float[]> rows;
    if (Files.isRegularFile(table)) {
      FeatureTable t = FeatureTable.read(table);
      rows = new java.util.LinkedHashMap<>();
      for (FourQClip c : chosen) {
        rows.put(c.relativePath(), t.features(c.relativePath(), c.file()));
      }
    } else {
      out.printf("  computing the 193-d feature of %d 4Q clips (once; cached in %s) ...%n", chosen.size(), table);
      out.flush();
      long t0 = System.nanoTime();
      rows = ClipFeatureExtraction.extract(chosen,
          new AudioMusicFeatures(new MusicFeatureExtractor(WindowFeatureExtractors.paper193(), DecodeLimits.DEFAULT)),
          Math.max(1, Runtime.getRuntime().availableProcessors()), p -> {
            if (p.done() % 20 == 0 || p.done() == p.total()) {
              out.printf(Locale.ROOT, "    %d/%d clips, %.0f s%n", p.done(), p.total(), p.elapsedSeconds());
              out.flush();
            }
          });
      FeatureTable.write(table, rows);
      out.printf(Locale.ROOT, "  features in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    List<String> ids = new ArrayList<>();
    float[][] x = new float[chosen.size()][];
    int[] y = new int[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      FourQClip c = chosen.get(i);
      ids.add(c.relativePath());
      x[i] = rows.get(c.relativePath());
      y[i] = c.emotionClass().ordinal();
    }
    return new LabelledFeatures(ids, x, y, LabelledFeatures.EMOTION_CLASS_NAMES);
  }
}
