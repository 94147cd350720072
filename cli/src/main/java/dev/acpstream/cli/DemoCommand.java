package dev.acpstream.cli;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code acp demo}: the product on an embedded default — a real in-process Kafka broker, every
 * topic of the catalog, and the bundled sample media sent through it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded Kafka broker, create every acp-stream topic and send the sample media",
      "through it, then check that every image and every audio chunk came back intact."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--once", description = "Exit as soon as every sample has been processed (the default for now).")
  boolean once;

  @Option(names = "--images", paramLabel = "DIR", description = "Images to send (default: samples/images).")
  Path images;

  @Option(names = "--audio", paramLabel = "DIR", description = "Songs to send (default: samples/audio).")
  Path audio;

  @Option(names = "--chunk-kib", paramLabel = "N", defaultValue = "64",
      description = "Audio chunk size in KiB (default: ${DEFAULT-VALUE}).")
  int chunkKib;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Give up when the media has not come back after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (chunkKib < 1 || chunkKib > 4096) {
      err.println("acp demo: --chunk-kib must be between 1 and 4096, got " + chunkKib);
      return 2;
    }
    Path samples = SampleMedia.defaultSamplesDir();
    List<Path> imageFiles = SampleMedia.images(images != null ? images : samples.resolve("images"));
    List<Path> audioFiles = SampleMedia.audio(audio != null ? audio : samples.resolve("audio"));
    if (imageFiles.isEmpty() && audioFiles.isEmpty()) {
      err.println("acp demo: no images or songs found under " + samples);
      return 2;
    }

    out.println("Starting an embedded Kafka broker (KRaft, in this process) ...");
    out.flush();
    long t0 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      out.printf("  broker ready at %s in %.1f s%n", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1e9);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        List<TopicAdmin.TopicState> topics = TopicAdmin.ensureTopics(admin, TopicSettings.defaults());
        out.printf("  %d topics ready: %s%n", topics.size(),
            String.join(", ", topics.stream().map(TopicAdmin.TopicState::name).toList()));
      }
      MediaRoundTrip trip = new MediaRoundTrip(kafka.bootstrapServers(), SerdeConfig.singleObject(), chunkKib * 1024, out);
      List<MediaRoundTrip.Outcome> outcomes = trip.run(imageFiles, audioFiles, Duration.ofSeconds(timeoutSeconds));
      int bad = 0;
      out.printf("%n%-44s %-20s %8s %10s  %s%n", "item", "topic", "records", "bytes", "intact");
      for (MediaRoundTrip.Outcome o : outcomes) {
        out.printf("%-44s %-20s %8d %10d  %s%n", o.id(), o.topic(), o.records(), o.bytes(), o.intact() ? "yes" : "NO");
        bad += o.intact() ? 0 : 1;
      }
      out.printf("%n%d of %d items came back intact through Kafka (read_committed).%n", outcomes.size() - bad, outcomes.size());
      out.flush();
      return bad == 0 ? 0 : 1;
    }
  }
}
