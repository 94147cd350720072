package dev.acpstream.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * PROTOCOL TEST ONLY, not a schema registry: a real loopback HTTP server (the JDK's) that records
 * each request and answers with scripted replies, to check what the client puts on the wire
 * (paths, headers, bodies) and how it reacts to failures a real registry rarely produces on
 * demand (503s, slow answers, garbage bodies). Registry behaviour itself is tested against the
 * real Apicurio Registry in RegistrySerdeTest.
 */
final class ScriptedHttpServer implements AutoCloseable {

  record Request(String method, String rawPath, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Reply(int status, String body, long delayMillis) {
    static Reply of(int status, String body) {
      return new Reply(status, body, 0);
    }
  }

  private final HttpServer server;
  private final String scheme;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  ScriptedHttpServer() throws IOException {
    this(null);
  }

  /** Serves HTTPS with {@code tls} when given, else plain HTTP. */
  ScriptedHttpServer(javax.net.ssl.SSLContext tls) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
      scheme = "http";
    } else {
      com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "scripted-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  ScriptedHttpServer then(int status, String body) {
    script.add(Reply.of(status, body));
    return this;
  }

  ScriptedHttpServer thenSlow(long delayMillis, int status, String body) {
    script.add(new Reply(status, body, delayMillis));
    return this;
  }

  /** Base URL with the given API path, e.g. "/apis/ccompat/v7". */
  String url(String basePath) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + basePath;
  }

  List<Request> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        Map.copyOf(exchange.getRequestHeaders()), body));
    Reply reply = script.poll();
    if (reply == null) {
      reply = Reply.of(500, "{\"error_code\":50000,\"message\":\"no scripted reply\"}");
    }
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    try {
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    } catch (IOException e) {
      // The client gave up (timeout test); nothing to answer.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
