package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.errors.DeadLetterDeserializationHandler;
import dev.acpstream.topology.errors.DeadLetterProcessingHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the model trainer can be tuned with, typed and validated in one place.
 *
 * <p>Built like {@link TopologyConfig}: properties over environment variables over defaults; the
 * environment name of {@code acp.trainer.retrain.labels} is {@code ACP_TRAINER_RETRAIN_LABELS},
 * of {@code bootstrap.servers} {@code ACP_BOOTSTRAP_SERVERS}. Unknown keys pass through to Kafka
 * Streams, the model producer and the serdes.
 */
public record TrainerConfig(
    String applicationId,
    String bootstrapServers,
    Path workDir,
    Path stateDir,
    int retrainLabels,
    Duration retrainInterval,
    Duration checkInterval,
    int minLabelsPerClass,
    double promotionMargin,
    double holdoutFraction,
    String holdoutSalt,
    int holdoutMaxPairs,
    Duration labelTimeout,
    String backbone,
    String architecture,
    int epochs,
    int patience,
    float learningRate,
    long seed,
    boolean probes,
    int musicPerBatch,
    int pairsPerItem,
    int deadLetterPayloadMaxBytes,
    Map<String, Object> passThrough) {

  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
  /** Kafka Streams' local state (a cache: the changelogs are the durable copy). */
  public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
  /** Run reports, training curves, the run log and status.json. */
  public static final String WORK_DIR = "acp.trainer.dir";
  /** Retrain after this many new labels joined with their features (N). */
  public static final String RETRAIN_LABELS = "acp.trainer.retrain.labels";
  /** ... or after this long since the last run when there is at least one new label (T). */
  public static final String RETRAIN_INTERVAL_MS = "acp.trainer.retrain.interval.ms";
  /** How often (wall clock) the trigger, the label timeouts and finished runs are looked at. */
  public static final String CHECK_INTERVAL_MS = "acp.trainer.check.interval.ms";
  /** The first model needs this many labelled items with features per class and modality. */
  public static final String MIN_LABELS_PER_CLASS = "acp.trainer.min.labels.per.class";
  /** A challenger replaces the champion only when its holdout accuracy is higher by at least this. */
  public static final String PROMOTION_MARGIN = "acp.trainer.promotion.margin";
  /** Share of items (images, tracks) that the holdout hash keeps out of training. */
  public static final String HOLDOUT_FRACTION = "acp.trainer.holdout.fraction";
  /** Salt of the holdout hash: changing it draws a different holdout (a new holdout version). */
  public static final String HOLDOUT_SALT = "acp.trainer.holdout.salt";
  /** Holdout pairs scored per evaluation at most (a deterministic stride beyond this). */
  public static final String HOLDOUT_MAX_PAIRS = "acp.trainer.holdout.max.pairs";
  /** A label whose item's features have not arrived after this long is dead-lettered. */
  public static final String LABEL_TIMEOUT_MS = "acp.trainer.label.timeout.ms";
  /** Only image features of this backbone are trained on (the topology's backbone id). */
  public static final String BACKBONE = "acp.trainer.backbone";
  /** {@code paper} (section 3 widths) or {@code compact} (narrow layers, for tests and small boxes). */
  public static final String ARCHITECTURE = "acp.trainer.architecture";
  public static final String EPOCHS = "acp.trainer.epochs";
  public static final String PATIENCE = "acp.trainer.patience";
  public static final String LEARNING_RATE = "acp.trainer.learning.rate";
  public static final String SEED = "acp.trainer.seed";
  /** Music items anchoring one training batch (paper setting 32; small sets want fewer). */
  public static final String MUSIC_PER_BATCH = "acp.trainer.batch.music";
  /** Pairs per anchor music item per epoch, half true and half false (even). */
  public static final String PAIRS_PER_ITEM = "acp.trainer.pairs.per.item";
  /** Train the emotion probes the topology uses to explain a score. */
  public static final String PROBES = "acp.trainer.probes";
  public static final String DEAD_LETTER_PAYLOAD_MAX_BYTES = TopologyConfig.DEAD_LETTER_PAYLOAD_MAX_BYTES;

  private static final List<String> KNOWN = List.of(
      APPLICATION_ID, BOOTSTRAP_SERVERS, STATE_DIR, WORK_DIR, RETRAIN_LABELS, RETRAIN_INTERVAL_MS,
      CHECK_INTERVAL_MS, MIN_LABELS_PER_CLASS, PROMOTION_MARGIN, HOLDOUT_FRACTION, HOLDOUT_SALT,
      HOLDOUT_MAX_PAIRS, LABEL_TIMEOUT_MS, BACKBONE, ARCHITECTURE, EPOCHS, PATIENCE, LEARNING_RATE,
      SEED, PROBES, MUSIC_PER_BATCH, PAIRS_PER_ITEM, DEAD_LETTER_PAYLOAD_MAX_BYTES);

  public TrainerConfig {
    passThrough = Map.copyOf(passThrough);
    if (retrainLabels < 1) {
      throw ConfigValues.bad(RETRAIN_LABELS, String.valueOf(retrainLabels), "a value >= 1");
    }
    if (retrainInterval.isZero() || checkInterval.isZero() || labelTimeout.isZero()) {
      throw new IllegalArgumentException(RETRAIN_INTERVAL_MS + ", " + CHECK_INTERVAL_MS + " and "
          + LABEL_TIMEOUT_MS + " must be > 0");
    }
    if (minLabelsPerClass < 1) {
      throw ConfigValues.bad(MIN_LABELS_PER_CLASS, String.valueOf(minLabelsPerClass), "a value >= 1");
    }
    if (!(promotionMargin >= 0 && promotionMargin < 1)) {
      throw ConfigValues.bad(PROMOTION_MARGIN, String.valueOf(promotionMargin), "a value in [0, 1)");
    }
    if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
      throw ConfigValues.bad(HOLDOUT_FRACTION, String.valueOf(holdoutFraction), "a value in (0, 1)");
    }
    if (!architecture.equals("paper") && !architecture.equals("compact")) {
      throw ConfigValues.bad(ARCHITECTURE, architecture, "paper or compact");
    }
    if (holdoutMaxPairs < 2 || epochs < 1 || patience < 1) {
      throw new IllegalArgumentException(HOLDOUT_MAX_PAIRS + " must be >= 2, " + EPOCHS + " and "
          + PATIENCE + " >= 1");
    }
    // Checked here so a bad value names its key rather than the options' parameter.
    if (musicPerBatch < 1 || pairsPerItem < 2 || pairsPerItem % 2 != 0) {
      throw new IllegalArgumentException(MUSIC_PER_BATCH + " must be >= 1 and " + PAIRS_PER_ITEM
          + " even and >= 2: " + musicPerBatch + ", " + pairsPerItem);
    }
    if (!(learningRate > 0)) {
      throw ConfigValues.bad(LEARNING_RATE, String.valueOf(learningRate), "a value > 0");
    }
  }

  public static TrainerConfig defaults() {
    return from(new Properties(), System.getenv());
  }

  public static TrainerConfig from(Properties properties) {
    return from(properties, System.getenv());
  }

  /** {@code properties} over {@code env} over defaults. */
  public static TrainerConfig from(Properties properties, Map<String, String> env) {
    Map<String, Object> merged = new HashMap<>();
    for (String key : KNOWN) {
      String v = env.get(TopologyConfig.envName(key));
      if (v != null) {
        merged.put(key, v);
      }
    }
    properties.stringPropertyNames().forEach(k -> merged.put(k, properties.getProperty(k)));
    ConfigValues c = new ConfigValues(merged);
    Map<String, Object> passThrough = new HashMap<>(merged);
    KNOWN.forEach(passThrough::remove);
    Path work = Path.of(c.string(WORK_DIR,
        Path.of(System.getProperty("java.io.tmpdir"), "acp-trainer").toString()));
    return new TrainerConfig(
        c.string(APPLICATION_ID, "acp-trainer"),
        c.string(BOOTSTRAP_SERVERS, "localhost:9092"),
        work,
        Path.of(c.string(STATE_DIR, work.resolve("state").toString())),
        (int) c.nonNegative(RETRAIN_LABELS, 50),
        Duration.ofMillis(c.nonNegative(RETRAIN_INTERVAL_MS, 10 * 60_000)),
        Duration.ofMillis(c.nonNegative(CHECK_INTERVAL_MS, 1_000)),
        (int) c.nonNegative(MIN_LABELS_PER_CLASS, 5),
        fraction(c, PROMOTION_MARGIN, 0.01),
        fraction(c, HOLDOUT_FRACTION, 0.2),
        c.string(HOLDOUT_SALT, "acp-holdout-1"),
        (int) c.nonNegative(HOLDOUT_MAX_PAIRS, 200_000),
        Duration.ofMillis(c.nonNegative(LABEL_TIMEOUT_MS, 60 * 60_000)),
        c.string(BACKBONE, "affect"),
        c.string(ARCHITECTURE, "paper").toLowerCase(Locale.ROOT),
        (int) c.nonNegative(EPOCHS, 50),
        (int) c.nonNegative(PATIENCE, 10),
        (float) fraction(c, LEARNING_RATE, 1e-4),
        c.longValue(SEED, 1),
        c.bool(PROBES, true),
        (int) c.nonNegative(MUSIC_PER_BATCH, 32),
        (int) c.nonNegative(PAIRS_PER_ITEM, 16),
        (int) c.nonNegative(DEAD_LETTER_PAYLOAD_MAX_BYTES, 256 << 10),
        passThrough);
  }

  private static double fraction(ConfigValues c, String key, double fallback) {
    String s = c.string(key).orElse(null);
    if (s == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw ConfigValues.bad(key, s, "a number");
    }
  }

  /** The network to train for features of {@code imageDim} dimensions from {@link #backbone()}. */
  public AcpNetConfig network(int imageDim) {
    if (architecture.equals("paper")) {
      return AcpNetConfig.paper(backbone, imageDim);
    }
    return new AcpNetConfig(backbone, imageDim, AcpNetConfig.MUSIC_FEATURE_DIM,
        new int[] {64, 32}, new int[] {64, 32}, new int[] {32, 16, 2}, 0.1f);
  }

  public TrainingOptions trainingOptions() {
    return new TrainingOptions(seed, epochs, patience, learningRate, musicPerBatch, 8, pairsPerItem, probes);
  }

  public SerdeConfig serdeConfig() {
    return SerdeConfig.from(passThrough);
  }

  /** Kafka Streams: exactly-once v2, undecodable or unprocessable input dead-lettered, pass-through keys last. */
  @SuppressWarnings("deprecation")
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    // A record the updater fails on (it should not) is dead-lettered rather than stopping the trainer.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    // The 5.0 default, set now as the topology does.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    p.put(DEAD_LETTER_PAYLOAD_MAX_BYTES, String.valueOf(deadLetterPayloadMaxBytes));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    passThrough.forEach(p::put);
    return p;
  }

  /** The Kafka client security settings among the pass-through keys, for every client the trainer makes. */
  public Map<String, Object> kafkaSecurity() {
    return KafkaClientSecurity.of(passThrough);
  }

  /** The model producer: records up to the topic's 64 MiB, acknowledged by every replica. */
  public Map<String, Object> producerProperties() {
    // Only connection security passes through: the rest of the keys are Streams' own.
    Map<String, Object> p = new HashMap<>(kafkaSecurity());
    p.put("bootstrap.servers", bootstrapServers);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("max.request.size", dev.acpstream.schemas.Topics.MODEL_MAX_MESSAGE_BYTES);
    p.put("buffer.memory", (long) dev.acpstream.schemas.Topics.MODEL_MAX_MESSAGE_BYTES + (8 << 20));
    return p;
  }
}
