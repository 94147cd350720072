package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetTrainer;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.EpochStats;
import dev.acpstream.core.acpnet.TrainingResult;
import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.core.dataset.LabelledFeatures;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.TrainingSummary;
import dev.acpstream.topology.model.ModelRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run, on the training thread: snapshot the training set, train a challenger on the
 * non-holdout items, score it and the champion on the same holdout, and publish the challenger
 * as the next {@code vN} champion only when it wins by the margin (or when there is no champion
 * yet and every class has enough labels). Every run is recorded, published or not.
 */
final class TrainingRun {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  static final String HOLDOUT_ACCURACY = "holdout.accuracy";
  static final String CHAMPION_HOLDOUT_ACCURACY = "champion.holdout.accuracy";
  static final String LABELS_READY = "labels.ready";
  static final String LABELS_SEEN = "labels.seen";

  /** Inline archives up to this size; larger ones are published as a file: reference. */
  private static final int MAX_INLINE_BYTES = Topics.MODEL_MAX_MESSAGE_BYTES - (1 << 20);

  private final TrainerConfig config;
  private final Holdout holdout;
  private final Supplier<StoreView> stores;
  private final ModelsTopic models;
  private final RunLog log;
  private final TrainerStatusBoard status;
  private final Clock clock;
  private final AtomicReference<Champion> champion;
  private final AtomicLong highestVersion;

  TrainingRun(TrainerConfig config, Supplier<StoreView> stores, ModelsTopic models, RunLog log,
      TrainerStatusBoard status, Clock clock, Champion champion, long highestVersion) {
    this.config = config;
    this.holdout = new Holdout(config.holdoutSalt(), config.holdoutFraction());
    this.stores = stores;
    this.models = models;
    this.log = log;
    this.status = status;
    this.clock = clock;
    this.champion = new AtomicReference<>(champion);
    this.highestVersion = new AtomicLong(highestVersion);
  }

  void run(long readyLabels) {
    status.training(true);
    Instant started = clock.instant();
    String run = "run-" + started.toEpochMilli();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("run", run);
    line.put("started_at", started.toString());
    line.put(LABELS_READY, readyLabels);
    try {
      decide(run, readyLabels, started, line);
    } catch (RuntimeException e) {
      LOG.error("training run {} failed", run, e);
      line.put("outcome", "failed");
      line.put("reason", String.valueOf(e.getMessage()));
      status.runFinished(clock.instant(), false, false, "failed: " + e.getMessage());
    } finally {
      line.put("finished_at", clock.instant().toString());
      log.append(line);
    }
  }

  private void decide(String run, long readyLabels, Instant started, Map<String, Object> line) {
    TrainingSnapshot snap = TrainingSnapshot.read(stores.get(), holdout);
    String missing = missingClasses(snap);
    Champion current = champion.get();
    if (missing != null) {
      line.put("outcome", "skipped");
      line.put("reason", missing);
      status.runFinished(clock.instant(), false, false, "skipped: " + missing);
      return;
    }
    AcpNetConfig network = config.network(snap.imageDim());
    LabelledFeatures music = features(snap.trainMusic());
    LabelledFeatures images = features(snap.trainImages());
    LOG.info("{}: training {} on {} music segments and {} images ({} ready labels)", run, network,
        music.size(), images.size(), readyLabels);
    TrainingResult result = new AcpNetTrainer(clock).train(network, music, images, null, false,
        config.trainingOptions(), (EpochStats s) -> LOG.debug("{}: {}", run, s.line()));
    long millis = clock.millis() - started.toEpochMilli();

    HoldoutEvaluation eval = HoldoutEvaluation.of(snap, holdout, config.holdoutMaxPairs());
    HoldoutEvaluation.Result challenger = eval.usable() ? eval.evaluate(result.artifact().model()) : null;
    HoldoutEvaluation.Result incumbent = null;
    String reason;
    boolean publish;
    if (current == null) {
      publish = true;
      reason = "first model: every class has at least " + config.minLabelsPerClass() + " labelled items";
    } else if (challenger == null) {
      publish = false;
      reason = "the holdout has no true and false pairs to compare on";
    } else {
      incumbent = scoreChampion(current, eval);
      if (incumbent == null) {
        publish = true;
        reason = "champion " + current.version() + " cannot be scored on this holdout";
      } else {
        double gain = challenger.accuracy() - incumbent.accuracy();
        publish = gain >= config.promotionMargin();
        reason = String.format(Locale.ROOT, "challenger %.4f vs champion %s %.4f on holdout %s: %s by %.4f (margin %.4f)",
            challenger.accuracy(), current.version(), incumbent.accuracy(), eval.version(),
            gain >= 0 ? "better" : "worse", Math.abs(gain), config.promotionMargin());
      }
    }

    Map<String, Double> metrics = metrics(snap, result, challenger, incumbent, readyLabels, millis);
    line.put("holdout_version", eval.version());
    line.put("metrics", metrics);
    line.put("reason", reason);
    Map<String, Object> decision = new LinkedHashMap<>(line);
    decision.put("outcome", publish ? "published" : "rejected");
    byte[] curve = log.writeReport(run, result.report(), decision);

    if (!publish) {
      LOG.info("{}: challenger dropped: {}", run, reason);
      line.put("outcome", "rejected");
      status.runFinished(clock.instant(), false, true, "rejected: " + reason);
      return;
    }
    String version = "v" + (highestVersion.get() + 1);
    AcpNetArtifact artifact = withCurve(result.artifact(), curve, eval.version(), run);
    AcpNetModel record = record(version, artifact, metrics, summary(result, eval, challenger, millis, run, reason));
    models.publish(record);
    highestVersion.incrementAndGet();
    champion.set(new Champion(version, artifact.model(), metrics));
    double acc = challenger == null ? Double.NaN : challenger.accuracy();
    status.champion(version, acc);
    line.put("outcome", "published");
    line.put("version", version);
    LOG.info("{}: published {} ({})", run, version, reason);
    status.runFinished(clock.instant(), true, false, "published " + version + ": " + reason);
  }

  private HoldoutEvaluation.Result scoreChampion(Champion current, HoldoutEvaluation eval) {
    if (current.scorer() == null) {
      return null;
    }
    try {
      return eval.evaluate(current.scorer());
    } catch (IllegalArgumentException e) {
      LOG.warn("champion {} cannot be scored on the holdout: {}", current.version(), e.getMessage());
      return null;
    }
  }

  /** Null when every class has enough training items of both modalities, else what is missing. */
  private String missingClasses(TrainingSnapshot snap) {
    StringBuilder missing = new StringBuilder();
    for (EmotionClass c : EmotionClass.values()) {
      long im = snap.trainImages().stream().filter(i -> i.label() == c.ordinal()).count();
      long mu = snap.trainMusic().stream().filter(i -> i.label() == c.ordinal()).count();
      if (im < config.minLabelsPerClass() || mu < config.minLabelsPerClass()) {
        missing.append(missing.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
            "%s has %d images and %d music segments for training", c.label(), im, mu));
      }
    }
    return missing.isEmpty() ? null
        : missing + " (need " + config.minLabelsPerClass() + " of each per class)";
  }

  private static LabelledFeatures features(List<LabelledItem> items) {
    return new LabelledFeatures(items.stream().map(LabelledItem::id).toList(),
        items.stream().map(LabelledItem::features).toArray(float[][]::new),
        items.stream().mapToInt(LabelledItem::label).toArray(), LabelledFeatures.EMOTION_CLASS_NAMES);
  }

  private Map<String, Double> metrics(TrainingSnapshot snap, TrainingResult result,
      HoldoutEvaluation.Result challenger, HoldoutEvaluation.Result incumbent, long readyLabels,
      long millis) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(HOLDOUT_ACCURACY, challenger == null ? Double.NaN : challenger.accuracy());
    m.put("holdout.true_pair_accuracy", challenger == null ? Double.NaN : challenger.truePairAccuracy());
    m.put("holdout.false_pair_accuracy", challenger == null ? Double.NaN : challenger.falsePairAccuracy());
    m.put("holdout.pairs", challenger == null ? 0.0 : challenger.pairs());
    m.put("holdout.feedback_pairs", challenger == null ? 0.0 : challenger.feedbackPairs());
    m.put("holdout.feedback_accuracy", challenger == null ? Double.NaN : challenger.feedbackAccuracy());
    m.put("holdout.images", (double) snap.holdoutImages().size());
    m.put("holdout.music_segments", (double) snap.holdoutMusic().size());
    m.put(CHAMPION_HOLDOUT_ACCURACY, incumbent == null ? Double.NaN : incumbent.accuracy());
    m.put("validation.accuracy", result.report().validationAccuracy());
    m.put("test.accuracy", result.report().testAccuracy());
    m.put("best_epoch", (double) result.report().bestEpoch());
    m.put("epochs", (double) result.report().epochs().size());
    m.put("train.images", (double) snap.trainImages().size());
    m.put("train.music_segments", (double) snap.trainMusic().size());
    m.put("skipped_items", (double) snap.skippedItems());
    m.put(LABELS_READY, (double) readyLabels);
    m.put(LABELS_SEEN, (double) status.snapshot().labelsSeen());
    m.put("training.seconds", millis / 1000.0);
    m.put("trained_at_millis", (double) clock.millis());
    return m;
  }

  private TrainingSummary summary(TrainingResult result, HoldoutEvaluation eval,
      HoldoutEvaluation.Result challenger, long millis, String run, String reason) {
    List<EpochStats> epochs = result.report().epochs();
    return TrainingSummary.newBuilder()
        .setDatasets(List.of(Topics.LABELS_MEDIA.name() + " (3class, 4q)",
            Topics.FEATURES_IMAGE.name() + " backbone " + config.backbone(),
            Topics.FEATURES_MUSIC_SEGMENT.name(), "holdout " + eval.version()))
        .setTrainPairs(epochs.isEmpty() ? 0 : epochs.get(0).pairs())
        .setValidationPairs(challenger == null ? 0 : challenger.pairs())
        .setEpochs(epochs.size())
        .setSeed(config.seed())
        .setDurationMillis(millis)
        .setEngine("djl " + result.report().trainingData().get("engine"))
        .setNotes(run + "; validationPairs counts holdout pairs; " + reason + "; training curve: "
            + log.runDir(run).resolve("training-curve.png").toUri() + " and training_curve_png_base64 in the artifact")
        .build();
  }

  private static AcpNetArtifact withCurve(AcpNetArtifact a, byte[] png, String holdoutVersion, String run) {
    Map<String, Object> data = new LinkedHashMap<>(a.info().trainingData());
    data.put("holdout_version", holdoutVersion);
    data.put("trainer_run", run);
    data.put("training_curve_png_base64", Base64.getEncoder().encodeToString(png));
    return new AcpNetArtifact(a.weights(), new ArtifactInfo(a.info().createdAt(),
        a.info().weaklyLabelledImages(), data, a.info().metrics()));
  }

  private AcpNetModel record(String version, AcpNetArtifact artifact, Map<String, Double> metrics,
      TrainingSummary summary) {
    byte[] bytes = artifact.toBytes();
    if (bytes.length <= MAX_INLINE_BYTES) {
      return ModelRecords.inline(ModelRecords.CHAMPION, version, bytes, metrics, summary);
    }
    try {
      Path file = config.workDir().resolve("models").resolve(version + ".acpnet");
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return ModelRecords.byReference(ModelRecords.CHAMPION, version, file, metrics, summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the artifact of " + version, e);
    }
  }
}
