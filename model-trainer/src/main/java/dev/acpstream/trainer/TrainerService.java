package dev.acpstream.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model trainer as one service: a Kafka Streams application (its own application id and
 * consumer group) keeping the training set, and one training thread that retrains ACP-Net when
 * enough new labels arrived and publishes a challenger to {@code models.acpnet} only when it
 * beats the champion on the holdout. {@code bin/acp trainer} runs it; the demo starts it in
 * process.
 *
 * <pre>{@code
 * try (TrainerService trainer = new TrainerService(TrainerConfig.from(props)).start()) {
 *   ... trainer.status() ...
 * }
 * }</pre>
 */
public final class TrainerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);

  private final TrainerConfig config;
  private final Clock clock;
  private final TrainerStatusBoard status;
  private ExecutorService executor;
  private ModelsTopic models;
  private RunCoordinator runs;
  private KafkaStreams streams;
  private TrainerMetrics metrics;

  public TrainerService(TrainerConfig config) {
    this(config, Clock.systemUTC());
  }

  public TrainerService(TrainerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.status = new TrainerStatusBoard(config.workDir().resolve("status.json"));
  }

  /**
   * Reads {@code models.acpnet} to its end (the champion and the last version number), then starts
   * the stream thread and the training thread.
   */
  public TrainerService start() {
    try {
      Files.createDirectories(config.workDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the trainer's directory " + config.workDir(), e);
    }
    models = new ModelsTopic(config);
    ModelsTopic.History history = models.read(Duration.ofSeconds(60));
    Champion champion = history.champion();
    status.write();
    if (champion != null) {
      Double acc = champion.metrics().get(TrainingRun.HOLDOUT_ACCURACY);
      status.champion(champion.version(), acc == null ? Double.NaN : acc);
      LOG.info("champion on {}: {}", dev.acpstream.schemas.Topics.MODELS_ACPNET.name(), champion.version());
    }
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "acp-trainer-run");
      t.setDaemon(true);
      return t;
    });
    StoreReader reader = new StoreReader();
    TrainingRun run = new TrainingRun(config, reader::view, models, new RunLog(config.workDir()),
        status, clock, champion, history.highestVersion());
    runs = new RunCoordinator(executor, run::run);
    runs.trainedFloor(champion == null ? 0 : champion.readyLabels());
    streams = new KafkaStreams(TrainerTopology.build(config, runs, status), config.streamsProperties());
    reader.streams = streams;
    metrics = new TrainerMetrics(config.applicationId(), status::snapshot);
    streams.start();
    return this;
  }

  /** Also over JMX as {@code dev.acpstream:type=Trainer,name="<application id>"} while running. */
  public TrainerStatus status() {
    return status.snapshot();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public TrainerConfig config() {
    return config;
  }

  /**
   * Lets a running training finish (up to {@code timeout}) and its completion reach the
   * changelog, then closes Kafka Streams and the model producer.
   */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (runs != null) {
        runs.close();
        executor.shutdown();
        executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long drainBy = Math.min(deadline, System.nanoTime() + 3 * config.checkInterval().toNanos());
        while (!runs.drained() && System.nanoTime() < drainBy
            && streams.state() == KafkaStreams.State.RUNNING) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (streams != null) {
        streams.close(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)));
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      if (models != null) {
        models.close();
      }
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(60));
  }

  /** Interactive queries on this instance's stores, retried while a rebalance moves them. */
  private static final class StoreReader {
    volatile KafkaStreams streams;

    StoreView view() {
      return new IqStoreView(streams, Duration.ofSeconds(30));
    }
  }
}
