package dev.acpstream.web;

import dev.acpstream.topology.query.MatchQueries;
import dev.acpstream.topology.query.NotHostedHereException;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page, the REST API and the Prometheus endpoint of acp-stream, on Javalin. The API
 * produces media and labels to Kafka, answers from the topology's interactive queries when the
 * topology runs in this process, and reads the pipeline's outputs for counts and emotions.
 * Errors are JSON {@code {"status", "error", "input"}} naming what to fix.
 */
public final class AcpWebServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AcpWebServer.class);

  private final WebConfig config;
  private final WebMetrics metrics;
  private final MediaProducers producers;
  private final PipelineMonitor monitor;
  private final AudioStreams streams;
  private final MediaStore store;
  private final Javalin app;

  /**
   * @param queries the topology's interactive queries; null when it does not run in this process
   *     (the query endpoints then answer 503)
   * @param kafkaStreams the topology's client for its metrics (consumer lag, process rates); may be null
   */
  public AcpWebServer(WebConfig config, MatchQueries queries, KafkaStreams kafkaStreams) throws IOException {
    this.config = config;
    this.store = new MediaStore(config.mediaDir());
    this.metrics = new WebMetrics();
    int maxRecord = (int) Math.min(Integer.MAX_VALUE, Math.max(ImageSender.INLINE_MAX_BYTES, config.maxChunkBytes())
        + (1 << 20));
    this.producers = new MediaProducers(config.kafkaConnection(), config.serdes(), config.sendTimeout(), maxRecord);
    this.monitor = new PipelineMonitor(config.kafkaConnection(), config.serdes(), metrics.registry());
    this.streams = new AudioStreams(producers, metrics, 2);
    metrics.bindProducer(producers.client());
    if (kafkaStreams != null) {
      metrics.bindStreams(kafkaStreams);
    }
    if (queries != null) {
      metrics.bindModels(queries);
    }
    Views views = new Views(monitor, store);
    long maxUpload = Math.max(config.maxImageBytes(), config.maxAudioBytes());
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.staticFiles.add("/public", Location.CLASSPATH);
      c.http.maxRequestSize = Math.max(config.maxChunkBytes(), 1 << 20);
      // Jetty's own limits sit just above ours, so our checks answer with the clear message.
      c.jetty.multipartConfig.maxFileSize(maxUpload + Uploads.FRAMING_BYTES, SizeUnit.BYTES);
      c.jetty.multipartConfig.maxTotalRequestSize(maxUpload + 2 * Uploads.FRAMING_BYTES, SizeUnit.BYTES);
      c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      c.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(),
          Duration.ofNanos((long) (ms * 1e6))));
    });
    new ImageRoutes(new ImageSender(producers, store, config.maxImageBytes()), store, metrics, config.maxImageBytes())
        .register(app);
    new AudioRoutes(store, producers, streams, metrics, config).register(app);
    new LabelRoutes(producers, metrics).register(app);
    new QueryRoutes(queries, monitor, views, streams).register(app);
    new StatusRoutes(queries, kafkaStreams, monitor, metrics, config.reportsDir()).register(app);
    app.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(error(e.status(), e.getMessage(), e.input())));
    app.exception(MediaProducers.SendFailedException.class, (e, ctx) -> ctx.status(503).json(error(503, e.getMessage(), null)));
    app.exception(NotHostedHereException.class, (e, ctx) -> {
      Map<String, Object> body = error(421, e.getMessage(), null);
      body.put("host", e.host());
      body.put("port", e.port());
      ctx.status(421).json(body);
    });
    app.exception(InvalidStateStoreException.class, (e, ctx) -> ctx.status(503).json(error(503,
        "the topology's stores are not queryable right now (starting or rebalancing); try again: " + e.getMessage(),
        null)));
    app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(error(400, e.getMessage(), null)));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500).json(error(500, e.getClass().getSimpleName() + ": " + e.getMessage(), null));
    });
  }

  /** Starts listening and watching the pipeline. */
  public AcpWebServer start() {
    monitor.start();
    app.start(config.host(), config.port());
    return this;
  }

  /** The port it listens on (the real one when the config asked for 0). */
  public int port() {
    return app.port();
  }

  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port();
  }

  public MediaStore store() {
    return store;
  }

  public PipelineMonitor monitor() {
    return monitor;
  }

  public WebMetrics metrics() {
    return metrics;
  }

  /** The route template that served {@code ctx}; static files and misses have none. */
  private static String route(io.javalin.http.Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (IllegalStateException e) {
      return ctx.statusCode() == 404 ? "(none)" : "(static)";
    }
  }

  private static Map<String, Object> error(int status, String message, String input) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("error", message);
    m.put("input", input);
    return m;
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      streams.close();
      monitor.close();
      producers.close();
      metrics.close();
    }
  }
}
