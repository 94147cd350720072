package dev.acpstream.cli;

import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.topology.model.ModelRecords;
import dev.acpstream.trainer.TrainerStatus;
import java.util.Set;
import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code acp demo}: the product on an embedded default. A real in-process Kafka broker, every
 * topic of the catalog, the live topology (Kafka Streams, exactly-once v2) in this process, the
 * sample media ingested as a client would, and the features read back read_committed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded Kafka broker and the acp-stream topology (Kafka Streams, exactly-once v2) in "
          + "this process, sends the sample images (ImageUpload, inline bytes) and songs (decoded here to "
          + "mono PCM, sent as 1-s AudioChunks), waits until every image's features.image record and every "
          + "song's features.music-segment records arrived (read_committed), prints them and exits.",
      "%nExit status: 0 when everything arrived and nothing was dead-lettered, 1 otherwise, 2 on bad "
          + "options or input.",
      "%nThe demo always exits after one run: --once is accepted and is the default for now."
    })
final class DemoCommand implements Callable<Integer> {

  private static final String PAIRING_KEY = "demo";

  @Spec CommandSpec spec;

  @Option(names = "--once", description = "Exit after one run (the default for now).")
  boolean once;

  @Option(names = "--images", paramLabel = "DIR", description = "Images to send (default: samples/images).")
  Path images;

  @Option(names = "--audio", paramLabel = "DIR", description = "Songs to send (default: samples/audio).")
  Path audio;

  @Option(names = "--max-seconds", paramLabel = "N", defaultValue = "0",
      description = "Send only the first N seconds of each song (default: all of it).")
  double maxSeconds;

  @Option(names = "--pcm", paramLabel = "ENCODING", defaultValue = "PCM_S16LE",
      description = "Chunk encoding: PCM_S16LE or PCM_F32LE (default: ${DEFAULT-VALUE}).")
  AudioEncoding pcm;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
      description = "Partitions of every topic (default: the catalog's).")
  int partitions;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
      description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Give up when the features have not all arrived after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--model", paramLabel = "FILE",
      description = "ACP-Net artifact to score with (default: train a first model on 4Q + the photos, cached).")
  Path model;

  @Option(names = "--music-data", paramLabel = "DIR",
      description = "4Q dataset for training the first model (default: $ACP_4Q_DIR, else ../shared/data/4q beside the installation).")
  Path musicData;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where the first model and its 4Q features are cached (default: $ACP_CACHE_DIR, else ~/.cache/acp-stream).")
  Path cacheDir;

  @Option(names = "--train-clips", paramLabel = "N", defaultValue = "25",
      description = "4Q clips per quadrant for the first model (default: ${DEFAULT-VALUE}).")
  int trainClips;

  /** The last run's outputs, as read back from Kafka (tests inspect them). */
  PipelineWatch.Outputs outputs;

  /** The last run's scores and match lists (tests inspect them). */
  MatchWatch.Matches matches;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String bad = badOption();
    if (bad != null) {
      err.println("acp demo: " + bad);
      return 2;
    }
    Path samples = SampleMedia.defaultSamplesDir();
    List<Path> imageFiles;
    List<Path> audioFiles;
    try {
      imageFiles = SampleMedia.images(images != null ? images : samples.resolve("images"));
      audioFiles = SampleMedia.audio(audio != null ? audio : samples.resolve("audio"));
    } catch (IllegalArgumentException e) {
      err.println("acp demo: " + e.getMessage());
      return 2;
    }
    if (imageFiles.isEmpty() && audioFiles.isEmpty()) {
      err.println("acp demo: no images or songs found under " + (images != null ? images : samples)
          + (audio != null ? " or " + audio : ""));
      return 2;
    }
    // Headers first: a song we cannot decode fails now, not after the broker started.
    for (Path song : audioFiles) {
      try (AudioDecoder decoder = AudioDecoders.open(song, DecodeLimits.DEFAULT)) {
        decoder.info();
      } catch (IOException e) {
        err.println("acp demo: cannot decode " + song + ": " + e.getMessage());
        return 2;
      }
    }

    long t0 = System.nanoTime();
    out.println("Starting an embedded Kafka broker (KRaft, in this process) ...");
    out.flush();
    Path stateDir = Files.createTempDirectory("acp-demo-state");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      out.printf("  broker ready at %s in %.1f s%n", kafka.bootstrapServers(), seconds(t0));
      createTopics(kafka.bootstrapServers(), out);
      out.println("First model:");
      DemoModel.Obtained first = DemoModel.obtain(model, fourQDir(), trainClips, samples.resolve("images"),
          cacheDir != null ? cacheDir : defaultCacheDir(), out);
      publish(kafka.bootstrapServers(), first);
      out.printf("  published %s to %s as '%s' (%s)%n", first.version(), Topics.MODELS_ACPNET.name(),
          ModelRecords.CHAMPION, first.description());
      long t1 = System.nanoTime();
      DemoTrainer trainer = null;
      try (AcpStreamsApp app = new AcpStreamsApp(topologyConfig(kafka.bootstrapServers(), stateDir))) {
        app.start();
        String notRunning = awaitRunning(app.streams(), Duration.ofSeconds(120));
        if (notRunning != null) {
          err.println("acp demo: the topology did not start: " + notRunning);
          return 1;
        }
        out.printf("  topology running in %.1f s (Kafka Streams, exactly_once_v2, %d thread(s), affect image backbone)%n",
            seconds(t1), threads);
        out.flush();
        trainer = DemoTrainer.start(kafka.bootstrapServers(), stateDir.resolve("trainer"));
        out.printf("  model-trainer running (application.id %s)%n", DemoTrainer.APPLICATION_ID);
        out.flush();

        List<ImageIngest.Image> sentImages = new ArrayList<>();
        List<AudioIngest.Track> sentTracks = new ArrayList<>();
        try {
          ingest(kafka.bootstrapServers(), imageFiles, audioFiles, sentImages, sentTracks, out);
        } catch (IOException e) {
          err.println("acp demo: " + e.getMessage());
          return 2;
        }

        out.printf("%nWaiting for features (read_committed) ...%n");
        out.flush();
        LinkedHashSet<String> imageIds = new LinkedHashSet<>();
        sentImages.forEach(i -> imageIds.add(i.mediaId()));
        Map<String, Integer> segmentsPerTrack = new LinkedHashMap<>();
        sentTracks.forEach(t -> segmentsPerTrack.put(t.trackId(), t.expectedSegments().size()));
        outputs = new PipelineWatch(kafka.bootstrapServers(), SerdeConfig.singleObject(), out)
            .await(imageIds, segmentsPerTrack, Duration.ofSeconds(timeoutSeconds));

        DemoSummary.images(out, sentImages, outputs.images());
        DemoSummary.tracks(out, sentTracks, outputs.segments());

        out.printf("%nWaiting for scores and match lists (read_committed) ...%n");
        out.flush();
        Set<String> pairs = new LinkedHashSet<>();
        Set<String> items = new LinkedHashSet<>(imageIds);
        for (AudioIngest.Track t : sentTracks) {
          for (var seg : t.expectedSegments()) {
            String key = t.trackId() + ":" + seg.index();
            items.add(key);
            imageIds.forEach(i -> pairs.add(MatchWatch.pair(key, i)));
          }
        }
        matches = new MatchWatch(kafka.bootstrapServers(), SerdeConfig.singleObject(), out)
            .await(pairs, items, Duration.ofSeconds(Math.max(30, timeoutSeconds / 4)));
        MatchSummary.print(out, matches, sentTracks, sentImages, first.version() + " (" + first.description() + ")");

        if (!outputs.images().isEmpty()) {
          int labelled = trainer.labelPhotos(kafka.bootstrapServers(), outputs.images(), out);
          TrainerStatus ts = trainer.awaitReady(labelled, Duration.ofSeconds(30));
          out.printf("Trainer: %d labels seen, %d joined with their features, champion %s, %d runs; it trains once "
              + "music is labelled too (bin/acp label)%n", ts.labelsSeen(), ts.labelsReady(),
              ts.championVersion(), ts.runs());
        }
        out.printf("%nDead letters (errors.dead-letter): %d%n", outputs.deadLetters().size());
        out.printf("Total: %d images, %d segments of %d songs, %d pair scores, %d match lists in %.1f s "
            + "(broker start included)%n",
            outputs.images().size(), outputs.segments().values().stream().mapToInt(Map::size).sum(),
            sentTracks.size(), matches.scoresByPair().size(), matches.topK().size(), seconds(t0));
        out.flush();
        List<String> unexplained = outputs.unexplained();
        if (!unexplained.isEmpty()) {
          err.printf("acp demo: after %d s still missing: %s%n", timeoutSeconds, String.join(", ", unexplained));
        }
        if (!outputs.deadLetters().isEmpty()) {
          err.printf("acp demo: %d record(s) dead-lettered: %s%n", outputs.deadLetters().size(),
              String.join(", ", outputs.deadLetterSummaries()));
        }
        if (!matches.complete()) {
          err.printf("acp demo: still unscored or unmatched: %s%n", String.join(", ",
              matches.missing().subList(0, Math.min(10, matches.missing().size())))
              + (matches.missing().size() > 10 ? " and " + (matches.missing().size() - 10) + " more" : ""));
        }
        return outputs.complete() && outputs.deadLetters().isEmpty() && matches.complete() ? 0 : 1;
      } finally {
        if (trainer != null) {
          trainer.close();
        }
      }
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private String badOption() {
    if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
      return "--max-seconds must be a number >= 0 (0 sends whole songs), got " + maxSeconds;
    }
    if (pcm != AudioEncoding.PCM_S16LE && pcm != AudioEncoding.PCM_F32LE) {
      return "--pcm must be PCM_S16LE or PCM_F32LE (the live topology decodes raw PCM only), got " + pcm;
    }
    if (partitions < 0 || partitions > 64) {
      return "--partitions must be between 1 and 64 (0: the catalog's), got " + partitions;
    }
    if (threads < 1 || threads > 16) {
      return "--threads must be between 1 and 16, got " + threads;
    }
    if (trainClips < 3 || trainClips > 225) {
      return "--train-clips must be between 3 and 225 (clips per 4Q quadrant), got " + trainClips;
    }
    if (model != null && !Files.isRegularFile(model)) {
      return "--model " + model + " is not a file";
    }
    if (timeoutSeconds < 1) {
      return "--timeout must be at least 1 second, got " + timeoutSeconds;
    }
    return null;
  }

  private void createTopics(String bootstrapServers, PrintWriter out) {
    Map<String, Object> settings = partitions > 0
        ? Map.of(TopicSettings.PARTITIONS, String.valueOf(partitions)) : Map.of();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      List<TopicAdmin.TopicState> topics = TopicAdmin.ensureTopics(admin, TopicSettings.from(settings));
      out.printf("  %d topics ready%s%n", topics.size(), partitions > 0 ? " (" + partitions + " partitions each)" : "");
    }
  }

  private TopologyConfig topologyConfig(String bootstrapServers, Path stateDir) {
    Properties p = new Properties();
    p.setProperty(TopologyConfig.APPLICATION_ID, "acp-demo");
    p.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    p.setProperty(TopologyConfig.STATE_DIR, stateDir.toString());
    p.setProperty(TopologyConfig.BACKBONE, "affect");
    p.setProperty("num.stream.threads", String.valueOf(threads));
    // No schema.registry.url: single-object encoding, as every other demo client uses.
    return TopologyConfig.from(p, Map.of());
  }

  private void ingest(String bootstrapServers, List<Path> imageFiles, List<Path> audioFiles,
      List<ImageIngest.Image> sentImages, List<AudioIngest.Track> sentTracks, PrintWriter out) throws IOException {
    SerdeConfig serdes = SerdeConfig.singleObject();
    Map<String, Object> p = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, ImageUpload> imageProducer = new KafkaProducer<>(p,
            Topics.MEDIA_IMAGES.keySerde(serdes).serializer(), Topics.MEDIA_IMAGES.valueSerde(serdes).serializer());
        KafkaProducer<String, AudioChunk> audioProducer = new KafkaProducer<>(p,
            Topics.MEDIA_AUDIO_CHUNKS.keySerde(serdes).serializer(),
            Topics.MEDIA_AUDIO_CHUNKS.valueSerde(serdes).serializer())) {
      ImageIngest imageIngest = new ImageIngest(imageProducer);
      long bytes = 0;
      for (Path file : imageFiles) {
        ImageIngest.Image image = imageIngest.send(file, "image:" + file.getFileName(), PAIRING_KEY);
        sentImages.add(image);
        bytes += image.bytes();
      }
      imageIngest.flush();
      if (!imageFiles.isEmpty()) {
        out.printf("%nSent %d images (%.1f KB) to %s as ImageUpload with inline bytes, pairing key '%s'%n",
            imageFiles.size(), bytes / 1024.0, Topics.MEDIA_IMAGES.name(), PAIRING_KEY);
      }
      AudioIngest audioIngest = new AudioIngest(audioProducer, pcm, DecodeLimits.DEFAULT);
      for (Path file : audioFiles) {
        AudioIngest.Track t = audioIngest.send(file, "track:" + file.getFileName(), PAIRING_KEY, maxSeconds);
        audioIngest.flush();
        sentTracks.add(t);
        out.printf("Sent %s (%s, %d Hz): %.1f s as %d %s 1-s chunks to %s -> expect %d segment(s)%n",
            file.getFileName(), t.source().codec(), t.source().sampleRate(), t.seconds(), t.chunks(), pcm,
            Topics.MEDIA_AUDIO_CHUNKS.name(), t.expectedSegments().size());
        out.flush();
      }
    }
  }

  private Path fourQDir() {
    if (musicData != null) {
      return musicData;
    }
    String env = System.getenv("ACP_4Q_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String home = System.getProperty("acp.home");
    return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().resolve("../shared/data/4q").normalize();
  }

  private static Path defaultCacheDir() {
    String env = System.getenv("ACP_CACHE_DIR");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "acp-stream");
  }

  /** The first model, as the trainer would publish it: before the topology starts, so it is restored at start. */
  private static void publish(String bootstrapServers, DemoModel.Obtained first) throws Exception {
    SerdeConfig serdes = SerdeConfig.singleObject();
    try (KafkaProducer<String, AcpNetModel> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_MESSAGE_BYTES),
        Topics.MODELS_ACPNET.keySerde(serdes).serializer(), Topics.MODELS_ACPNET.valueSerde(serdes).serializer())) {
      producer.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          ModelRecords.published(ModelRecords.CHAMPION, first.version(), first.artifact(),
              first.artifact().toBytes(), first.description()))).get();
    }
  }

  /** Null once RUNNING; otherwise why not (it failed, or the time ran out). */
  private static String awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State s = streams.state();
      if (s == KafkaStreams.State.RUNNING) {
        return null;
      }
      if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
          || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN) {
        return "Kafka Streams is " + s;
      }
      Thread.sleep(100);
    }
    return "Kafka Streams still " + streams.state() + " after " + timeout.toSeconds() + " s";
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
