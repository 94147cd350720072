package dev.acpstream.web;

import dev.acpstream.topology.query.MatchQueries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry of one process: the topology's Kafka Streams metrics (per-task process
 * rates and latencies, the consumers' records-lag), the API producer's client metrics, the
 * pipeline's record counts and step latencies ({@link PipelineMonitor}), the model in use, the
 * HTTP requests, and the JVM's memory and threads.
 */
public final class WebMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private MultiGauge modelInfo;
  private MatchQueries queries;

  public WebMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Binds the topology running in this process (its metrics include the consumer lag). */
  public void bindStreams(KafkaStreams streams) {
    KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
    m.bindTo(registry);
    binders.add(m);
  }

  public void bindProducer(Producer<?, ?> producer) {
    KafkaClientMetrics m = new KafkaClientMetrics(producer);
    m.bindTo(registry);
    binders.add(m);
  }

  /**
   * acp_model_info{role,version} = 1 for each model in use, and acp_model_swaps: read from the
   * topology when Prometheus scrapes.
   */
  public void bindModels(MatchQueries q) {
    this.queries = q;
    modelInfo = MultiGauge.builder("acp.model.info")
        .description("1 for each ACP-Net model version in use, by role")
        .register(registry);
    Gauge.builder("acp.model.swaps", q, x -> x.models().swaps())
        .description("Model versions loaded since the topology started")
        .register(registry);
  }

  /** One served request, by route template (not the raw path: ids would explode the series). */
  public void request(String method, String route, int status, Duration took) {
    Timer.builder("acp.http.requests")
        .description("HTTP requests served by the API and the page")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)
        .record(took);
  }

  public void countUpload(String kind, String outcome) {
    registry.counter("acp.api.uploads", "kind", kind, "outcome", outcome).increment();
  }

  public void countProduced(String topic, long records) {
    registry.counter("acp.api.produced", "topic", topic).increment(records);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    if (modelInfo != null) {
      MatchQueries.ModelStatus s = queries.models();
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      if (s.championVersion() != null) {
        rows.add(MultiGauge.Row.of(Tags.of("role", "champion", "version", s.championVersion()), 1));
      }
      if (s.challengerVersion() != null) {
        rows.add(MultiGauge.Row.of(Tags.of("role", "challenger", "version", s.challengerVersion()), 1));
      }
      modelInfo.register(rows, true);
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable b : binders) {
      try {
        b.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    registry.close();
  }
}
