package dev.acpstream.cli;

import dev.acpstream.schemas.Topics;
import dev.acpstream.web.ApiException;
import dev.acpstream.web.Ids;
import dev.acpstream.web.ImageSender;
import dev.acpstream.web.MediaProducers;
import dev.acpstream.web.WebConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code acp ingest images DIR|FILE...}: images to media.images, inline, each checked first. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description = {
      "Sends images (JPEG, PNG, GIF, BMP, WebP; told by their bytes) to media.images with the bytes inline. "
          + "A directory sends its image files (by extension, not recursive).",
      "%nExit status: 0 when every image was sent, 1 when some failed (each named), 2 on bad options."
    })
final class IngestImagesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Image files, or directories of them.")
  List<Path> inputs;

  @Option(names = "--pairing-key", paramLabel = "KEY",
      description = "Pair the images with the music streamed under this key (default: catalogue only).")
  String pairingKey;

  @Option(names = "--id-prefix", paramLabel = "PREFIX", defaultValue = "image:",
      description = "Each image's mediaId is this prefix and its file name (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + ImageSender.INLINE_MAX_BYTES,
      description = "Largest image sent (default and most: ${DEFAULT-VALUE}, what a record carries inline).")
  long maxBytes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxBytes < 1 || maxBytes > ImageSender.INLINE_MAX_BYTES) {
      err.println("acp ingest images: --max-bytes must be 1.." + ImageSender.INLINE_MAX_BYTES + ", got " + maxBytes);
      return 2;
    }
    if (pairingKey != null) {
      try {
        Ids.check("--pairing-key", pairingKey);
      } catch (IllegalArgumentException e) {
        err.println("acp ingest images: " + e.getMessage());
        return 2;
      }
    }
    List<Path> files;
    try {
      files = MediaFiles.expand(inputs, SampleMedia::images);
    } catch (IllegalArgumentException e) {
      err.println("acp ingest images: " + e.getMessage());
      return 2;
    }
    if (files.isEmpty()) {
      err.println("acp ingest images: no image files (jpg, jpeg, png, gif, bmp, webp) in " + inputs);
      return 2;
    }
    out.printf("Sending %d image(s) to %s at %s%n", files.size(), Topics.MEDIA_IMAGES.name(), kafka.bootstrapServers);
    ProgressBar bar = new ProgressBar(out, ProgressBar.stdoutIsTerminal(), "images");
    List<String> failures = new ArrayList<>();
    long bytes = 0;
    int sent = 0;
    long t0 = System.nanoTime();
    try (MediaProducers producers = new MediaProducers(kafka.connection(), kafka.serdes(),
        Duration.ofSeconds(30), ImageSender.INLINE_MAX_BYTES + (1 << 20))) {
      ImageSender sender = new ImageSender(producers, null, maxBytes);
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        bar.label(f.getFileName().toString());
        try {
          byte[] data = Files.readAllBytes(f);
          ImageSender.Sent s = sender.send(f.toString(), data, Ids.fromFileName(idPrefix, f.getFileName().toString()),
              pairingKey);
          bytes += s.bytes();
          sent++;
        } catch (ApiException | IOException e) {
          failures.add(e.getMessage().startsWith(f.toString()) ? e.getMessage() : f + ": " + e.getMessage());
        } catch (MediaProducers.SendFailedException e) {
          bar.finish();
          err.println("acp ingest images: " + f + ": " + e.getMessage());
          err.println("acp ingest images: is acp-stream's Kafka running at " + kafka.bootstrapServers + "?");
          return 1;
        }
        bar.update(i + 1, files.size());
      }
    }
    bar.finish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "Summary: %d sent (%.1f KB) in %.1f s, %d failed%s%n", sent, bytes / 1024.0, seconds,
        failures.size(), pairingKey == null ? "" : ", pairing key '" + pairingKey + "'");
    for (String f : failures) {
      err.println("acp ingest images: " + f);
    }
    return failures.isEmpty() ? 0 : 1;
  }
}
