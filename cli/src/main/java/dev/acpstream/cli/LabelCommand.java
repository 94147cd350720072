package dev.acpstream.cli;

import dev.acpstream.schemas.Keys;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.web.ApiException;
import dev.acpstream.web.Ids;
import dev.acpstream.web.LabelChecks;
import dev.acpstream.web.MediaProducers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/**
 * {@code acp label}: training data from people, to labels.media (an item's emotion) and
 * pairs.labeled (whether an image and a piece of music correspond).
 */
@Command(
    name = "label",
    mixinStandardHelpOptions = true,
    description = {
      "Labels items' emotions (labels.media) or image-music pairs (pairs.labeled) on a running acp-stream.",
      "  acp label ITEM_ID --kind image|music --label CLASS --scheme 3class|4q|iaps8",
      "  acp label --pair IMAGE_ID MUSIC_ID --corresponds true|false",
      "  acp label --csv FILE   (lines: itemId,kind,label,scheme[,source]; '#' comments)",
      "%nExit status: 0 when everything was sent, 1 when some lines failed (each named file:line), 2 on bad options."
    })
final class LabelCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;

  @Parameters(arity = "0..1", paramLabel = "ITEM_ID", description = "The item to label (mediaId, trackId or trackId:segment).")
  String itemId;

  @Option(names = "--kind", paramLabel = "KIND", description = "image or music.")
  String kind;

  @Option(names = "--label", paramLabel = "CLASS", description = "The emotion class, e.g. positive, Q2, awe.")
  String label;

  @Option(names = "--scheme", paramLabel = "SCHEME", description = "3class, 4q or iaps8.")
  String scheme;

  @Option(names = "--source", paramLabel = "WHO", defaultValue = "${env:USER:-cli}",
      description = "Who labels (default: $USER).")
  String source;

  @Option(names = "--pair", arity = "2", paramLabel = "ID", description = "An image id and a music id to judge.")
  List<String> pair;

  @Option(names = "--corresponds", arity = "1", paramLabel = "BOOL", description = "With --pair: true or false.")
  Boolean corresponds;

  @Option(names = "--csv", paramLabel = "FILE", description = "Many labels, one per line.")
  Path csv;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int modes = (itemId != null ? 1 : 0) + (pair != null ? 1 : 0) + (csv != null ? 1 : 0);
    if (modes != 1) {
      err.println("acp label: give exactly one of ITEM_ID, --pair IMAGE_ID MUSIC_ID or --csv FILE");
      return 2;
    }
    try (MediaProducers producers = new MediaProducers(kafka.connection(), kafka.serdes(),
        Duration.ofSeconds(30), 1 << 20)) {
      if (pair != null) {
        return pair(producers, out, err);
      }
      if (csv != null) {
        return csv(producers, out, err);
      }
      MediaLabel m;
      try {
        m = item(itemId, kind, label, scheme, source);
      } catch (ApiException | IllegalArgumentException e) {
        err.println("acp label: " + e.getMessage());
        return 2;
      }
      producers.send(Topics.LABELS_MEDIA, m.getItemId(), m);
      out.printf("Labelled %s %s as %s (%s) on %s%n", m.getItemKind().name().toLowerCase(Locale.ROOT),
          m.getItemId(), m.getLabel(), m.getScheme(), Topics.LABELS_MEDIA.name());
      return 0;
    } catch (MediaProducers.SendFailedException e) {
      err.println("acp label: " + e.getMessage() + " (is acp-stream's Kafka running at " + kafka.bootstrapServers + "?)");
      return 1;
    }
  }

  private int pair(MediaProducers producers, PrintWriter out, PrintWriter err) {
    if (corresponds == null) {
      err.println("acp label: --pair needs --corresponds true|false");
      return 2;
    }
    String image;
    String music;
    try {
      image = Ids.check("IMAGE_ID", pair.get(0));
      music = Ids.check("MUSIC_ID", pair.get(1));
    } catch (IllegalArgumentException e) {
      err.println("acp label: " + e.getMessage());
      return 2;
    }
    LabeledPair p = LabeledPair.newBuilder().setImageId(image).setMusicId(music).setCorresponds(corresponds)
        .setSource(source).setLabeledAt(Instant.now()).build();
    producers.send(Topics.PAIRS_LABELED, Keys.pair(image, music), p);
    out.printf("Recorded %s + %s as a %s pair on %s%n", image, music, corresponds ? "true" : "false",
        Topics.PAIRS_LABELED.name());
    return 0;
  }

  private int csv(MediaProducers producers, PrintWriter out, PrintWriter err) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (NoSuchFileException e) {
      err.println("acp label: " + csv + ": no such file");
      return 2;
    }
    ProgressBar bar = new ProgressBar(out, ProgressBar.stdoutIsTerminal(), "lines");
    bar.label(csv.getFileName().toString());
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#") && !(i == 0 && line.toLowerCase(Locale.ROOT).startsWith("itemid,"))) {
        String[] f = line.split(",", -1);
        try {
          if (f.length < 4 || f.length > 5) {
            throw new IllegalArgumentException("expected itemId,kind,label,scheme[,source], got " + f.length + " fields");
          }
          MediaLabel m = item(f[0].strip(), f[1], f[2], f[3], f.length == 5 && !f[4].isBlank() ? f[4].strip() : source);
          producers.send(Topics.LABELS_MEDIA, m.getItemId(), m);
          sent++;
        } catch (ApiException | IllegalArgumentException e) {
          failures.add(csv + ":" + (i + 1) + ": " + e.getMessage());
        }
      }
      bar.update(i + 1, lines.size());
    }
    bar.finish();
    out.printf("Summary: %d label(s) sent to %s, %d line(s) failed%n", sent, Topics.LABELS_MEDIA.name(), failures.size());
    failures.forEach(f -> err.println("acp label: " + f));
    return failures.isEmpty() ? 0 : 1;
  }

  private static MediaLabel item(String id, String kind, String label, String scheme, String source) {
    if (kind == null || label == null || scheme == null) {
      throw new IllegalArgumentException("labelling an item needs --kind, --label and --scheme");
    }
    ItemKind k;
    try {
      k = ItemKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind must be image or music, got '" + kind + "'");
    }
    return LabelChecks.label(Ids.check("ITEM_ID", id), k, label, scheme, source);
  }
}
