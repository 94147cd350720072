package dev.acpstream.web;

import dev.acpstream.schemas.Topics;
import dev.acpstream.topology.query.MatchQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How the system is doing: the status the page shows (model in use, pipeline counts and
 * latencies, dead letters), the Prometheus endpoint, and the report plots (PNG) to show.
 */
final class StatusRoutes {

  private final MatchQueries queries;
  private final KafkaStreams streams;
  private final PipelineMonitor monitor;
  private final WebMetrics metrics;
  private final Path reportsDir;
  private final long startedAt = System.currentTimeMillis();

  StatusRoutes(MatchQueries queries, KafkaStreams streams, PipelineMonitor monitor, WebMetrics metrics, Path reportsDir) {
    this.queries = queries;
    this.streams = streams;
    this.monitor = monitor;
    this.metrics = metrics;
    this.reportsDir = reportsDir;
  }

  void register(Javalin app) {
    app.get("/api/status", this::status);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    app.get("/api/reports", ctx -> ctx.json(reports()));
    app.get("/api/reports/<name>", this::report);
  }

  private void status(Context ctx) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("topology", streams == null ? "not in this process" : streams.state().name());
    s.put("model", queries == null ? null : queries.models());
    Map<String, Long> counts = monitor.counts();
    s.put("imagesProcessed", counts.get(Topics.FEATURES_IMAGE.name()));
    s.put("segmentsProcessed", counts.get(Topics.FEATURES_MUSIC_SEGMENT.name()));
    s.put("scoresEmitted", counts.get(Topics.SCORES_CORRESPONDENCE.name()));
    s.put("deadLetters", counts.get(Topics.ERRORS_DEAD_LETTER.name()));
    s.put("recentDeadLetters", monitor.recentDeadLetters().stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sourceTopic", d.sourceTopic());
      m.put("key", d.key());
      m.put("reason", d.reason());
      m.put("message", d.message());
      m.put("failedAt", d.failedAt() == null ? null : d.failedAt().toString());
      return m;
    }).toList());
    s.put("records", counts);
    Map<String, Object> latency = new LinkedHashMap<>();
    for (Timer t : metrics.registry().find("acp.pipeline.step.latency").timers()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("count", t.count());
      l.put("meanMs", round(t.mean(TimeUnit.MILLISECONDS)));
      l.put("maxMs", round(t.max(TimeUnit.MILLISECONDS)));
      latency.put(t.getId().getTag("step"), l);
    }
    s.put("stepLatency", latency);
    s.put("monitorCaughtUp", monitor.caughtUp());
    s.put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000);
    s.put("reports", reports());
    ctx.json(s);
  }

  private List<String> reports() {
    if (reportsDir == null || !Files.isDirectory(reportsDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(reportsDir, 3)) {
      List<String> names = new ArrayList<>();
      files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase().endsWith(".png"))
          .sorted()
          .forEach(f -> names.add(reportsDir.relativize(f).toString().replace('\\', '/')));
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  private void report(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    if (reportsDir == null) {
      throw ApiException.notFound(name, "no reports directory is configured");
    }
    Path root = reportsDir.toAbsolutePath().normalize();
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || !name.toLowerCase().endsWith(".png") || !Files.isRegularFile(file)) {
      throw ApiException.notFound(name, "no report plot '" + name + "'");
    }
    ctx.contentType("image/png").result(Files.readAllBytes(file));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
