package dev.acpstream.topology.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * This instance's answer to the others (the {@code application.server} endpoint): {@code GET
 * /iq/scores/{pairingKey}} returns the key's latest scores from this instance's own stores only,
 * never forwarding again, so a request can never loop between instances. 421 when the key is not
 * (or no longer) hosted here, 503 while the stores are restoring or rebalancing.
 */
public final class QueryServer implements AutoCloseable {

  static final String SCORES_PATH = "/iq/scores/";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AcpQueries queries;
  private final ScoresWire wire = new ScoresWire();

  private QueryServer(HttpServer server, ExecutorService executor, AcpQueries queries) {
    this.server = server;
    this.executor = executor;
    this.queries = queries;
  }

  /** Listens on every interface at {@code port} (the port of {@code application.server}). */
  public static QueryServer start(int port, AcpQueries queries) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "acp-query-server");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      QueryServer q = new QueryServer(server, executor, queries);
      server.createContext(SCORES_PATH, q::scores);
      server.start();
      return q;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for interactive queries on port " + port
          + " (application.server): " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void scores(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "only GET".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String key = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(SCORES_PATH.length()),
          StandardCharsets.UTF_8);
      try {
        send(exchange, 200, ScoresWire.CONTENT_TYPE, wire.encode(queries.localScores(key)));
      } catch (NotHostedHereException e) {
        send(exchange, 421, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
      } catch (InvalidStateStoreException e) {
        send(exchange, 503, "text/plain", ("stores not queryable now: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
