package dev.acpstream.cli;

import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetTrainer;
import dev.acpstream.core.acpnet.TrainingCurvePlot;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.TrainingResult;
import dev.acpstream.core.dataset.FeatureTable;
import dev.acpstream.core.dataset.FourQClip;
import dev.acpstream.core.dataset.FourQDataset;
import dev.acpstream.core.dataset.ImageEmotion;
import dev.acpstream.core.dataset.LabelTable;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acp train}: trains ACP-Net and writes the artifact, a JSON report and a training curve. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train ACP-Net on labelled music (4Q layout) and labelled images (paper, section 4):",
      "random 70/10/20 item split, balanced true/false pairs, Adam lr 1e-4, early stopping.",
      "Progress per epoch goes to stderr; the model, training-report.json and",
      "training-curve.png are written. Mark rule-assigned image labels with --weak-image-labels."
    })
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--music-data", required = true, description = "4Q-layout dataset root (labels)")
  Path musicData;

  @Option(names = "--music-features", required = true,
      description = "193-d music features: CSV '<Qn/clip.mp3>,<values...>'")
  Path musicFeatures;

  @Option(names = "--image-features", required = true,
      description = "image backbone features: CSV '<image path>,<values...>'")
  Path imageFeatures;

  @Option(names = "--image-labels", required = true,
      description = "CSV '<image path>,<label>': negative/neutral/positive or one of the 8 image emotions")
  Path imageLabels;

  @Option(names = "--weak-image-labels",
      description = "the image labels were assigned by a rule, not by people (recorded in the model)")
  boolean weakImageLabels;

  @Option(names = "--backbone", defaultValue = "affect", description = "id of the image backbone (default ${DEFAULT-VALUE})")
  String backbone;

  @Option(names = "--out", defaultValue = "acpnet.model", description = "model artifact file (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--report-dir", description = "where the report and curve go (default: beside --out)")
  Path reportDir;

  @Option(names = "--epochs", defaultValue = "50", description = "at most this many epochs (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--learning-rate", defaultValue = "1e-4", description = "Adam learning rate (default ${DEFAULT-VALUE})")
  float learningRate;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    FourQDataset music = FourQDataset.load(musicData);
    FeatureTable mf = FeatureTable.read(musicFeatures);
    List<String> mIds = new ArrayList<>();
    List<float[]> mX = new ArrayList<>();
    List<Integer> mY = new ArrayList<>();
    for (FourQClip c : music.clips()) {
      mIds.add(c.relativePath());
      mX.add(mf.features(c.relativePath(), c.file()));
      mY.add(c.emotionClass().ordinal());
    }
    LabelledFeatures musicItems = new LabelledFeatures(mIds, mX.toArray(float[][]::new),
        mY.stream().mapToInt(Integer::intValue).toArray(), LabelledFeatures.EMOTION_CLASS_NAMES);

    FeatureTable imf = FeatureTable.read(imageFeatures);
    Map<String, LabelTable.Label> labels = LabelTable.read(imageLabels);
    List<String> iIds = new ArrayList<>(labels.keySet());
    float[][] iX = new float[iIds.size()][];
    int[] iY = new int[iIds.size()];
    int[] fine = new int[iIds.size()];
    boolean allFine = true;
    for (int i = 0; i < iIds.size(); i++) {
      LabelTable.Label l = labels.get(iIds.get(i));
      iX[i] = imf.features(iIds.get(i), null);
      iY[i] = l.emotionClass().ordinal();
      allFine &= l.emotion() != null;
      fine[i] = l.emotion() == null ? -1 : l.emotion().ordinal();
    }
    LabelledFeatures imageItems = new LabelledFeatures(iIds, iX, iY, LabelledFeatures.EMOTION_CLASS_NAMES);
    LabelledFeatures probe = allFine ? new LabelledFeatures(iIds, iX, fine,
        Arrays.stream(ImageEmotion.values()).map(ImageEmotion::label).toList()) : null;

    AcpNetConfig config = AcpNetConfig.paper(backbone, imf.dim());
    TrainingOptions options = TrainingOptions.paper(seed).withMaxEpochs(epochs).withLearningRate(learningRate);
    err.printf(Locale.ROOT, "training %s on %d music clips and %d images%s%n", config, musicItems.size(),
        imageItems.size(), weakImageLabels ? " (image labels are WEAK: rule-assigned)" : "");
    err.flush();
    TrainingResult r = new AcpNetTrainer(Clock.systemUTC()).train(config, musicItems, imageItems, probe,
        weakImageLabels, options, s -> {
          err.println(s.line());
          err.flush();
        });
    Path dir = reportDir != null ? reportDir
        : (out.toAbsolutePath().getParent() != null ? out.toAbsolutePath().getParent() : Path.of("."));
    Files.createDirectories(dir);
    r.artifact().save(out);
    r.report().writeJson(dir.resolve("training-report.json"));
    TrainingCurvePlot.write(r.report(), dir.resolve("training-curve.png"));
    stdout.printf(Locale.ROOT, "model %s: best epoch %d, validation accuracy %.4f, test accuracy %.4f%s%n",
        out, r.report().bestEpoch(), r.report().validationAccuracy(), r.report().testAccuracy(),
        weakImageLabels ? " (against weak image labels: not an image-emotion accuracy)" : "");
    stdout.println("report: " + dir.resolve("training-report.json") + ", curve: "
        + dir.resolve("training-curve.png"));
    stdout.flush();
    return 0;
  }
}
