package dev.acpstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.baseline.CorrespondenceEvaluation;
import dev.acpstream.core.acpnet.baseline.LogMelSpectrogram;
import dev.acpstream.core.acpnet.baseline.RawPixels;
import dev.acpstream.core.acpnet.baseline.SpectrogramMusicFeatures;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.dataset.ClipFeatureExtraction;
import dev.acpstream.core.dataset.FeatureTable;
import dev.acpstream.core.dataset.FourQClip;
import dev.acpstream.core.dataset.FourQDataset;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code acp evaluate correspondence}: the paper's Table 4, accuracy of true/false affective
 * correspondence on the test split for ACP-Net, Spectrogram-ACP and L3-Net, all trained on the same
 * items with the same split.
 */
@Command(
    name = "correspondence",
    mixinStandardHelpOptions = true,
    description = {
      "Table 4: ACP-Net, Spectrogram-ACP and L3-Net trained and tested on the same 70/10/20 item split;",
      "prints each model's accuracy of true/false correspondence on the test pairs (half true, half false).",
      "--music: a 4Q-layout dataset (real labels, 3-class mapping).",
      "--images: folders named by the eight image emotions (real labels, Table 1 regrouping), or a flat",
      "folder of unlabelled photos, then labelled weakly by the Valdez-Mehrabian rule, and said so."
    })
final class CorrespondenceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--music", required = true, paramLabel = "DIR", description = "4Q dataset root (Q1..Q4, annotations CSV)")
  Path music;

  @Option(names = "--images", required = true, paramLabel = "DIR",
      description = "emotion folders of images, or one flat folder of unlabelled images")
  Path images;

  @Option(names = "--features", paramLabel = "FILE",
      description = "193-d music features CSV: read when it exists, else computed and saved")
  Path features;

  @Option(names = "--spectrogram-features", paramLabel = "FILE",
      description = "the baselines' pooled spectrograms CSV: read when it exists, else computed and saved")
  Path spectrogramFeatures;

  @Option(names = "--threads", description = "threads for audio features (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--epochs", defaultValue = "50", description = "maximum epochs per model (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print one JSON object, one entry per model")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CorrespondenceImages.Loaded imgs = CorrespondenceImages.load(images, err);
    FourQDataset dataset = FourQDataset.load(music);
    FeatureTable table193 = MusicFeatureTables.readOrCompute(dataset, features, threads, err);
    Map<String, float[]> spectra = spectrograms(dataset, err);

    List<FourQClip> clips = sharedClasses(dataset.clips(), imgs, err);
    List<String> ids = clips.stream().map(FourQClip::relativePath).toList();
    int[] labels = clips.stream().mapToInt(c -> c.emotionClass().ordinal()).toArray();
    float[][] f193 = new float[clips.size()][];
    float[][] fSpec = new float[clips.size()][];
    float[][] fL3 = new float[clips.size()][];
    int specDim = LogMelSpectrogram.spectrogramAcp(MusicFeatures193.SAMPLE_RATE).dim();
    for (int i = 0; i < clips.size(); i++) {
      f193[i] = table193.features(ids.get(i), null);
      float[] both = spectra.get(ids.get(i));
      fSpec[i] = Arrays.copyOfRange(both, 0, specDim);
      fL3[i] = Arrays.copyOfRange(both, specDim, both.length);
    }
    List<String> names = LabelledFeatures.EMOTION_CLASS_NAMES;
    CorrespondenceEvaluation.Inputs in = new CorrespondenceEvaluation.Inputs(
        new LabelledFeatures(ids, f193, labels, names),
        new LabelledFeatures(ids, fSpec, labels, names),
        new LabelledFeatures(ids, fL3, labels, names),
        new LabelledFeatures(imgs.ids(), imgs.affect(), imgs.labels(), names), "affect",
        new LabelledFeatures(imgs.ids(), imgs.pixels(), imgs.labels(), names), RawPixels.L3.id());

    err.printf(Locale.ROOT, "%d music clips, %d images (labels: %s); training 3 models, at most %d epochs each%n",
        clips.size(), imgs.ids().size(), imgs.labelKind(), epochs);
    err.flush();
    List<CorrespondenceEvaluation.ModelResult> results = new CorrespondenceEvaluation(Clock.systemUTC())
        .run(in, imgs.weak(), TrainingOptions.paper(seed).withMaxEpochs(epochs), (model, s) -> {
          err.println(model + " " + s.line());
          err.flush();
        });

    if (json) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("protocol", "Table 4: accuracy of true/false correspondence on test pairs, "
          + "items split 70/10/20 per class (seed " + seed + "), the same split for every model");
      top.put("image_labels", imgs.labelKind());
      top.put("n_music", clips.size());
      top.put("n_images", imgs.ids().size());
      List<Map<String, Object>> models = new ArrayList<>();
      for (CorrespondenceEvaluation.ModelResult r : results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("correspondence_test_accuracy", r.testAccuracy());
        m.put("correspondence_validation_accuracy", r.validationAccuracy());
        m.put("best_epoch", r.bestEpoch());
        m.put("epochs_run", r.epochsRun());
        m.put("music_input", r.musicInput());
        m.put("image_input", r.imageInput());
        m.put("image_labels", imgs.labelKind());
        m.put("architecture", r.architecture());
        models.add(m);
      }
      top.put("models", models);
      out.println(new ObjectMapper().writeValueAsString(top));
    } else {
      out.printf(Locale.ROOT, "Table 4 - true/false correspondence accuracy on the test split "
          + "(%d clips, %d images; image labels: %s)%n", clips.size(), imgs.ids().size(), imgs.labelKind());
      for (CorrespondenceEvaluation.ModelResult r : results) {
        out.printf(Locale.ROOT, "  %-16s %.4f  (validation %.4f, best epoch %d of %d; music: %s; images: %s)%n",
            r.model(), r.testAccuracy(), r.validationAccuracy(), r.bestEpoch(), r.epochsRun(),
            r.musicInput(), r.imageInput());
      }
      if (imgs.weak()) {
        out.println("  Image classes come from a colour rule, not from people: these are not image-emotion accuracies.");
      }
    }
    out.flush();
    return 0;
  }

  /**
   * The clips whose class some image has: a class with music but no images (e.g. neutral, when the
   * image folders are the eight emotions without a neutral folder) has no true pairs to test, so
   * its clips are left out, and the log says so.
   */
  private static List<FourQClip> sharedClasses(List<FourQClip> clips, CorrespondenceImages.Loaded imgs,
      PrintWriter err) {
    java.util.Set<Integer> imageClasses = new java.util.HashSet<>();
    Arrays.stream(imgs.labels()).forEach(imageClasses::add);
    List<FourQClip> kept = clips.stream()
        .filter(c -> imageClasses.contains(c.emotionClass().ordinal())).toList();
    if (kept.size() < clips.size()) {
      err.printf(Locale.ROOT, "%d music clips left out: their classes have no images (image classes: %s)%n",
          clips.size() - kept.size(), imageClasses.stream().sorted()
              .map(LabelledFeatures.EMOTION_CLASS_NAMES::get).toList());
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no music clip shares a class with the images");
    }
    return kept;
  }

  /** Both baselines' spectrograms per clip, concatenated (Spectrogram-ACP's, then L3-Net's): one decode per clip. */
  private Map<String, float[]> spectrograms(FourQDataset dataset, PrintWriter err) throws Exception {
    if (spectrogramFeatures != null && java.nio.file.Files.exists(spectrogramFeatures)) {
      FeatureTable t = FeatureTable.read(spectrogramFeatures);
      int sr = MusicFeatures193.SAMPLE_RATE;
      int expected = LogMelSpectrogram.spectrogramAcp(sr).dim() + LogMelSpectrogram.l3(sr).dim();
      Map<String, float[]> rows = new LinkedHashMap<>();
      for (FourQClip c : dataset.clips()) {
        float[] row = t.features(c.relativePath(), c.file());
        if (row.length != expected) {
          // e.g. a table saved before L3-Net's grid grew to 64 x 64 for its conv audio subnetwork
          throw new IllegalArgumentException("spectrogram features " + spectrogramFeatures + " have "
              + row.length + " values per clip, expected " + expected + " (Spectrogram-ACP's "
              + LogMelSpectrogram.spectrogramAcp(sr).dim() + " then L3-Net's " + LogMelSpectrogram.l3(sr).dim()
              + "); delete the file to recompute it");
        }
        rows.put(c.relativePath(), row);
      }
      return rows;
    }
    int sr = MusicFeatures193.SAMPLE_RATE;
    LogMelSpectrogram acp = LogMelSpectrogram.spectrogramAcp(sr);
    LogMelSpectrogram l3 = LogMelSpectrogram.l3(sr);
    err.printf(Locale.ROOT, "computing log-mel spectrograms of %d clips (%s; %s) ...%n",
        dataset.clips().size(), acp.describe(), l3.describe());
    err.flush();
    Map<String, float[]> rows = ClipFeatureExtraction.extract(dataset.clips(),
        SpectrogramMusicFeatures.both(acp, l3, DecodeLimits.DEFAULT), threads, p -> {
          if (p.done() % 50 == 0 || p.done() == p.total()) {
            err.printf(Locale.ROOT, "  %d/%d clips, %.0f s%n", p.done(), p.total(), p.elapsedSeconds());
            err.flush();
          }
        });
    if (spectrogramFeatures != null) {
      if (spectrogramFeatures.toAbsolutePath().getParent() != null) {
        java.nio.file.Files.createDirectories(spectrogramFeatures.toAbsolutePath().getParent());
      }
      FeatureTable.write(spectrogramFeatures, rows);
    }
    return rows;
  }
}
