package dev.acpstream.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.acpstream.core.acpnet.TrainingCurvePlot;
import dev.acpstream.core.acpnet.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Every run is recorded in the work directory, published or not: one JSON line per run in
 * {@code runs.jsonl} (outcome, metrics, holdout version) and, for runs that trained,
 * {@code runs/<run>/report.json} and {@code runs/<run>/training-curve.png}.
 */
final class RunLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  RunLog(Path workDir) {
    this.dir = workDir;
  }

  Path runDir(String run) {
    return dir.resolve("runs").resolve(run);
  }

  /** Writes the report and the curve; returns the curve's PNG bytes. */
  byte[] writeReport(String run, TrainingReport report, Map<String, Object> decision) {
    try {
      Path d = runDir(run);
      Files.createDirectories(d);
      Map<String, Object> m = new java.util.LinkedHashMap<>(decision);
      m.put("training", report.toMap());
      JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(d.resolve("report.json").toFile(), m);
      Path png = d.resolve("training-curve.png");
      TrainingCurvePlot.write(report, png);
      return Files.readAllBytes(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + run + " under " + dir, e);
    }
  }

  synchronized void append(Map<String, Object> line) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("runs.jsonl"), JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + dir.resolve("runs.jsonl"), e);
    }
  }
}
