package dev.acpstream.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.SampleSink;
import dev.acpstream.core.audio.SegmentFeatures;
import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code acp features audio}: the paper's 193-d music feature of each audio file, one line per
 * 60-s segment. A file's lines are buffered and printed only once the whole file succeeded, so a
 * failure leaves no partial output for that file; the other files still run, and the exit code
 * is 1 if any failed.
 */
@Command(
    name = "audio",
    mixinStandardHelpOptions = true,
    description = {
      "Print the 193-d music feature (40 mfcc, 12 chroma, 128 mel, 7 contrast, 6 tonnetz; librosa 0.10's numbers)"
          + " of each FILE, one line per 60-s segment (a final remainder of at least 10 s is a partial segment).",
      "Reads WAV (PCM/float), FLAC, MP3 and Ogg Vorbis at any sample rate; resamples to 22050 Hz mono."
    })
public final class FeaturesAudioCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line and segment: file, segment, start_s, duration_s, windows, partial, features.")
  boolean json;

  @Option(names = "--max-duration", paramLabel = "SECONDS", defaultValue = "7200",
      description = "Refuse files longer than this (default: ${DEFAULT-VALUE} s).")
  double maxDurationSeconds;

  @Option(names = "--threads", paramLabel = "N", description = "Windows extracted in parallel (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Spec CommandSpec spec;

  private final Supplier<WindowFeatureExtractor> extractor;

  public FeaturesAudioCommand() {
    this(WindowFeatureExtractors::paper193);
  }

  /** With another window extractor (tests, experiments). */
  FeaturesAudioCommand(Supplier<WindowFeatureExtractor> extractor) {
    this.extractor = extractor;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DecodeLimits limits;
    try {
      limits = new DecodeLimits(maxDurationSeconds);
    } catch (IllegalArgumentException e) {
      err.println("acp features audio: --max-duration: " + e.getMessage());
      return 2;
    }
    int failed = 0;
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
    try {
      MusicFeatureExtractor music = new MusicFeatureExtractor(extractor.get(), limits, pool, Math.max(1, threads));
      boolean header = !json;
      boolean progress = Terminal.stderrIsTerminal();
      for (Path file : files) {
        try {
          List<SegmentFeatures> segments = music.extract(file, progress ? new Progress(file, err) : null);
          if (progress) {
            err.print("\r\033[K");
            err.flush();
          }
          StringBuilder lines = new StringBuilder();
          if (header) {
            lines.append(TextFormat.header()).append('\n');
            header = false;
          }
          for (SegmentFeatures s : segments) {
            lines.append(json ? jsonLine(file, s) : TextFormat.line(file, s)).append('\n');
          }
          out.print(lines);
          out.flush();
        } catch (IOException | RuntimeException e) {
          failed++;
          err.println("acp features audio: " + describe(file, e));
          err.flush();
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** The error, always starting with the file's name. */
  private static String describe(Path file, Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.startsWith(file.toString()) ? m : file + ": " + m;
  }

  private static final JsonFactory JSON = new JsonFactory();

  static String jsonLine(Path file, SegmentFeatures s) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("file", file.toString());
      g.writeNumberField("segment", s.segment());
      g.writeNumberField("start_s", s.startS());
      g.writeNumberField("duration_s", s.durationS());
      g.writeNumberField("windows", s.windows());
      g.writeBooleanField("partial", s.partial());
      g.writeArrayFieldStart("features");
      for (float v : s.features()) {
        if (!Float.isFinite(v)) {
          throw new IllegalStateException("segment " + s.segment() + " has a non-finite feature value");
        }
        g.writeNumber(v);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return w.toString();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "features-audio");
      t.setDaemon(true);
      return t;
    };
  }

  /** Tab-separated text: a header line, then one line per segment. */
  static final class TextFormat {
    private TextFormat() {}

    static String header() {
      StringBuilder b = new StringBuilder("file\tsegment\tstart_s\tduration_s\twindows\tpartial");
      for (int i = 0; i < 193; i++) {
        b.append("\tf").append(i);
      }
      return b.toString();
    }

    static String line(Path file, SegmentFeatures s) {
      StringBuilder b = new StringBuilder();
      b.append(file).append('\t').append(s.segment()).append('\t').append(s.startS()).append('\t').append(s.durationS())
          .append('\t').append(s.windows()).append('\t').append(s.partial());
      for (float v : s.features()) {
        b.append('\t').append(v);
      }
      return b.toString();
    }
  }

  /** "FILE: 125 s of audio done" on stderr, refreshed every 10 s of audio, only past the first minute. */
  private static final class Progress implements SampleSink {
    private final Path file;
    private final PrintWriter err;
    private long samples;
    private long shownSeconds;

    Progress(Path file, PrintWriter err) {
      this.file = file;
      this.err = err;
    }

    @Override
    public void accept(float[] block, int off, int len) {
      samples += len;
      long seconds = samples / 22050;
      if (seconds >= 60 && seconds >= shownSeconds + 10) {
        shownSeconds = seconds;
        err.print("\r" + file.getFileName() + ": " + seconds + " s of audio done");
        err.flush();
      }
    }
  }

  /** Whether stderr is an interactive terminal (Linux: fd 2 links to a tty). */
  static final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
      try {
        String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }
  }
}
