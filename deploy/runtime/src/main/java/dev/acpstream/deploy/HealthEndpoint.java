package dev.acpstream.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Liveness and readiness of one Kafka Streams instance over HTTP, for orchestrator probes.
 *
 * <ul>
 *   <li>{@code GET /health/ready}: 200 only while the instance is RUNNING, i.e. every task it owns
 *       has restored its state and processes; 503 while it starts, rebalances or restores.
 *   <li>{@code GET /health/live}: 200 unless Kafka Streams has failed or stopped (ERROR,
 *       PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING); a restart is then the remedy.
 * </ul>
 *
 * Both answer a small JSON body: the state and the active and standby task ids.
 */
public final class HealthEndpoint implements AutoCloseable {

  public static final String READY = "/health/ready";
  public static final String LIVE = "/health/live";

  private final HttpServer server;
  private final KafkaStreams streams;

  private HealthEndpoint(HttpServer server, KafkaStreams streams) {
    this.server = server;
    this.streams = streams;
  }

  /** Serves on all interfaces at {@code port} (0: any free port). */
  public static HealthEndpoint start(KafkaStreams streams, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
      HealthEndpoint endpoint = new HealthEndpoint(server, streams);
      server.createContext(READY, x -> endpoint.answer(x, isReady(streams.state())));
      server.createContext(LIVE, x -> endpoint.answer(x, isLive(streams.state())));
      server.setExecutor(Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "health-http");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the health endpoints on port " + port + ": " + e.getMessage(), e);
    }
  }

  public static boolean isReady(KafkaStreams.State s) {
    return s == KafkaStreams.State.RUNNING;
  }

  public static boolean isLive(KafkaStreams.State s) {
    return switch (s) {
      case CREATED, REBALANCING, RUNNING -> true;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
    };
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange, boolean ok) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(ok ? 200 : 503, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private String json() {
    KafkaStreams.State state = streams.state();
    Set<String> active = new TreeSet<>();
    Set<String> standby = new TreeSet<>();
    if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
      try {
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
          t.activeTasks().forEach(task -> active.add(task.taskId().toString()));
          t.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
        }
      } catch (RuntimeException e) {
        // The state moved on between the two calls: answer with the state alone.
      }
    }
    return "{\"state\":\"" + state + "\",\"activeTasks\":" + list(active) + ",\"standbyTasks\":" + list(standby) + "}";
  }

  private static String list(Set<String> ids) {
    return ids.stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
