package dev.acpstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.core.acpnet.MusicEmotionEvaluation;
import dev.acpstream.core.dataset.FeatureTable;
import dev.acpstream.core.dataset.FourQDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acp evaluate ...}: the paper's evaluation protocols. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate models with the paper's protocols.",
    subcommands = {EvaluateCommand.MusicEmotion.class, CorrespondenceCommand.class})
public final class EvaluateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code acp evaluate music-emotion}: 4-class and 3-class accuracy on the 4Q dataset. */
  @Command(
      name = "music-emotion",
      mixinStandardHelpOptions = true,
      description = {
        "Music emotion recognition on a 4Q-layout dataset from the 193-d music feature.",
        "With --test-list: trains on every clip not named there (10% held out for early stopping)",
        "and tests on the named clips. Without it: k-fold cross-validation.",
        "Features are the paper's 193-d vector computed from the audio (first 60-s segment);",
        "--features FILE reuses them from FILE, or saves them there when FILE does not exist yet."
      })
  static final class MusicEmotion implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "4Q dataset root (Q1..Q4, annotations CSV)")
    Path data;

    @Option(names = "--test-list", description = "clips to test on, one path relative to --data per line")
    Path testList;

    @Option(names = "--features", paramLabel = "FILE",
        description = "music features CSV '<relative path>,<values...>': read when it exists, else computed and saved")
    Path features;

    @Option(names = "--threads", description = "threads for feature extraction (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--folds", defaultValue = "10", description = "cross-validation folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--confusion-png", paramLabel = "FILE",
        description = "also write the 4-class confusion matrix (true x predicted quadrant) as a PNG")
    java.nio.file.Path confusionPng;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      FourQDataset dataset = FourQDataset.load(data);
      FeatureTable table = MusicFeatureTables.readOrCompute(dataset, features, threads, err);
      MusicEmotionEvaluation.Result r;
      if (testList != null) {
        Set<String> test = dataset.readTestList(testList);
        r = MusicEmotionEvaluation.holdOut(dataset.clips(), table, test, seed);
      } else {
        r = MusicEmotionEvaluation.crossValidate(dataset.clips(), table, folds, seed,
            line -> err.println(line));
      }
      if (confusionPng != null) {
        dev.acpstream.web.ConfusionMatrixPlot.write(
            String.format(Locale.ROOT, "4Q music emotion, %s: 4-class accuracy %.3f",
                testList == null ? r.folds() + "-fold CV" : "held-out list", r.accuracy4class()),
            java.util.List.of("Q1", "Q2", "Q3", "Q4"), r.confusion4(), confusionPng);
        err.println("confusion matrix: " + confusionPng);
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy_4class", r.accuracy4class());
        m.put("confusion_4class", r.confusion4());
        m.put("accuracy_3class", r.accuracy3class());
        m.put("n_train", r.nTrain());
        m.put("n_test", r.nTest());
        m.put("model", r.model());
        if (testList == null) {
          m.put("folds", r.folds());
        }
        out.println(new ObjectMapper().writeValueAsString(m));
      } else {
        out.printf(Locale.ROOT, "4-class accuracy %.4f, 3-class accuracy %.4f (%s; %d train, %d test)%n",
            r.accuracy4class(), r.accuracy3class(),
            testList == null ? r.folds() + "-fold cross-validation" : "held-out list", r.nTrain(), r.nTest());
        out.println("model: " + r.model());
      }
      out.flush();
      return 0;
    }
  }
}
