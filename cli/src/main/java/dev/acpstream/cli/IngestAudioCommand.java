package dev.acpstream.cli;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.web.AudioChunkSender;
import dev.acpstream.web.Ids;
import dev.acpstream.web.MediaProducers;
import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code acp ingest audio FILE|DIR...}: songs decoded here and streamed as PCM chunks. */
@Command(
    name = "audio",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes songs (MP3, WAV, FLAC, Ogg Vorbis; pure Java) to mono PCM at their own rate and streams them "
          + "to media.audio-chunks in chunks of --chunk-ms, seq from 0, the last marked end of stream. "
          + "A directory sends its audio files (by extension, not recursive).",
      "%nExit status: 0 when every song was sent, 1 when some failed (each named), 2 on bad options."
    })
final class IngestAudioCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Songs, or directories of them.")
  List<Path> inputs;

  @Option(names = "--chunk-ms", paramLabel = "N", defaultValue = "1000",
      description = "Audio per chunk in milliseconds, " + AudioChunkSender.MIN_CHUNK_MS + ".."
          + AudioChunkSender.MAX_CHUNK_MS + " (default: ${DEFAULT-VALUE}).")
  int chunkMs;

  @Option(names = "--realtime", description = "Pace the chunks like a live source (one second of audio per second).")
  boolean realtime;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "With --realtime: play X times faster (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--pairing-key", paramLabel = "KEY",
      description = "Score the songs against the images sent under this key (default: catalogue only).")
  String pairingKey;

  @Option(names = "--id-prefix", paramLabel = "PREFIX", defaultValue = "track:",
      description = "Each song's trackId is this prefix and its file name (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Option(names = "--pcm", paramLabel = "ENCODING", defaultValue = "PCM_S16LE",
      description = "Chunk encoding: PCM_S16LE or PCM_F32LE (default: ${DEFAULT-VALUE}).")
  AudioEncoding pcm;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String bad = badOption();
    if (bad != null) {
      err.println("acp ingest audio: " + bad);
      return 2;
    }
    List<Path> files;
    try {
      files = MediaFiles.expand(inputs, SampleMedia::audio);
    } catch (IllegalArgumentException e) {
      err.println("acp ingest audio: " + e.getMessage());
      return 2;
    }
    if (files.isEmpty()) {
      err.println("acp ingest audio: no audio files (mp3, wav, flac, ogg) in " + inputs);
      return 2;
    }
    out.printf(Locale.ROOT, "Streaming %d song(s) to %s at %s in %d-ms %s chunks%s%n", files.size(),
        Topics.MEDIA_AUDIO_CHUNKS.name(), kafka.bootstrapServers, chunkMs, pcm,
        realtime ? String.format(Locale.ROOT, ", paced at %.3gx real time", speed) : "");
    ProgressBar bar = new ProgressBar(out, ProgressBar.stdoutIsTerminal(), "s");
    List<String> failures = new ArrayList<>();
    List<AudioChunkSender.Track> sent = new ArrayList<>();
    long t0 = System.nanoTime();
    try (MediaProducers producers = new MediaProducers(kafka.connection(), kafka.serdes(),
        Duration.ofSeconds(30), 4 << 20)) {
      AudioChunkSender sender = new AudioChunkSender(producers, pcm, chunkMs, realtime ? speed : 0,
          DecodeLimits.DEFAULT);
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        bar.label(String.format(Locale.ROOT, "%s (%d/%d)", f.getFileName(), i + 1, files.size()));
        try {
          AudioChunkSender.probe(f, DecodeLimits.DEFAULT);
          AudioChunkSender.Track t = sender.send(f, Ids.fromFileName(idPrefix, f.getFileName().toString()),
              pairingKey, bar::update);
          bar.finish();
          sent.add(t);
          out.printf(Locale.ROOT, "  %s -> %s: %.1f s (%s, %d Hz) as %d chunks, %d segment(s) to come%n",
              f.getFileName(), t.trackId(), t.seconds(), t.source().codec(), t.source().sampleRate(), t.chunks(),
              t.expectedSegments().size());
        } catch (IOException e) {
          bar.finish();
          failures.add(e.getMessage().contains(f.toString()) ? e.getMessage() : f + ": " + e.getMessage());
        } catch (MediaProducers.SendFailedException e) {
          bar.finish();
          err.println("acp ingest audio: " + f + ": " + e.getMessage());
          err.println("acp ingest audio: is acp-stream's Kafka running at " + kafka.bootstrapServers + "?");
          return 1;
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "Summary: %d song(s) sent, %.1f s of audio in %d chunks, %d segment(s) to come, "
        + "in %.1f s; %d failed%n", sent.size(), sent.stream().mapToDouble(AudioChunkSender.Track::seconds).sum(),
        sent.stream().mapToInt(AudioChunkSender.Track::chunks).sum(),
        sent.stream().mapToInt(t -> t.expectedSegments().size()).sum(), seconds, failures.size());
    for (String f : failures) {
      err.println("acp ingest audio: " + f);
    }
    return failures.isEmpty() ? 0 : 1;
  }

  private String badOption() {
    if (chunkMs < AudioChunkSender.MIN_CHUNK_MS || chunkMs > AudioChunkSender.MAX_CHUNK_MS) {
      return "--chunk-ms must be " + AudioChunkSender.MIN_CHUNK_MS + ".." + AudioChunkSender.MAX_CHUNK_MS
          + ", got " + chunkMs;
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      return "--speed must be a number > 0, got " + speed;
    }
    if (pcm != AudioEncoding.PCM_S16LE && pcm != AudioEncoding.PCM_F32LE) {
      return "--pcm must be PCM_S16LE or PCM_F32LE (the live topology decodes raw PCM only), got " + pcm;
    }
    if (pairingKey != null) {
      try {
        Ids.check("--pairing-key", pairingKey);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }
}
