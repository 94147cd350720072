package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.SaslSslKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code acp serve} and {@code acp trainer} on a broker that accepts only SASL_SSL (PLAIN), with
 * the client settings in the properties file a deployment mounts: every client they make (admin,
 * producers, the web app's pipeline monitor, Kafka Streams, the trainer's model reader) connects,
 * and the health endpoint answers on the configured port.
 */
class SecuredServicesTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static SaslSslKafka broker;

  @BeforeAll
  static void start() throws Exception {
    broker = SaslSslKafka.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  private record Running(CommandLine cmd, CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {}

  private static Running launch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Running(cmd, CompletableFuture.supplyAsync(() -> cmd.execute(args)), out, err);
  }

  private static Path config(Path dir, Map<String, String> extra, Map<String, String> security) throws Exception {
    Map<String, String> all = new HashMap<>(security);
    all.putAll(extra);
    return SaslSslKafka.propertiesFile(dir, all);
  }

  @Test
  void serveUsesTheClusterSettingsForEveryClient(@TempDir Path tmp) throws Exception {
    int healthPort = freePort();
    Path file = config(tmp, Map.of("acp.health.port", String.valueOf(healthPort)), broker.userSettings());
    Running serve = launch("serve", "--port", "0", "-b", broker.bootstrapServers(), "--config", file.toString(),
        "--untrained-model", "--threads", "1", "--media", tmp.resolve("media").toString(),
        "--state-dir", tmp.resolve("state").toString(), "--for", "300");
    try {
      String base = await(() -> {
        Matcher m = Pattern.compile("serving at (http://[^/\\s]+)/").matcher(serve.out().toString());
        return m.find() ? m.group(1) : null;
      }, serve, "a 'serving at' line");
      // The champion went through the producer, came back through Kafka Streams' global store.
      await(() -> get(base + "/api/models").contains("\"championVersion\":\"untrained-seed-42\"") ? "" : null,
          serve, "the champion in /api/models");
      await(() -> get("http://127.0.0.1:" + healthPort + "/health/ready").contains("\"RUNNING\"") ? "" : null,
          serve, "/health/ready RUNNING");
      await(() -> get(base + "/api/status").contains("\"monitorCaughtUp\":true") ? "" : null,
          serve, "the pipeline monitor's consumer caught up");
      HttpResponse<String> label = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/labels"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"itemId\":\"image:a.jpg\",\"itemKind\":\"image\",\"label\":\"positive\",\"scheme\":\"3class\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, label.statusCode(), label.body());
      assertTrue(label.body().contains("\"topic\":\"labels.media\""), label.body());
    } finally {
      ((ServeCommand) serve.cmd().getSubcommands().get("serve").getCommand()).stop.countDown();
    }
    assertEquals(0, serve.exit().get(60, TimeUnit.SECONDS), serve.out() + "\n" + serve.err());
  }

  @Test
  void theTrainerUsesTheClusterSettingsAndServesHealth(@TempDir Path tmp) throws Exception {
    int healthPort = freePort();
    Path file = config(tmp, Map.of("acp.health.port", String.valueOf(healthPort),
        "acp.trainer.dir", tmp.resolve("work").toString(), "acp.trainer.check.interval.ms", "200"),
        broker.userSettings());
    Running trainer = launch("trainer", "--bootstrap-servers", broker.bootstrapServers(), "--config", file.toString(),
        "--run-for", "120");
    try {
      await(() -> get("http://127.0.0.1:" + healthPort + "/health/ready").contains("\"RUNNING\"") ? "" : null,
          trainer, "the trainer's /health/ready RUNNING");
      await(() -> trainer.out().toString().contains("champion none") ? "" : null, trainer, "a status line");
    } finally {
      ((TrainerCommand) trainer.cmd().getSubcommands().get("trainer").getCommand()).stop.countDown();
    }
    assertEquals(0, trainer.exit().get(90, TimeUnit.SECONDS), trainer.out() + "\n" + trainer.err());
  }

  @Test
  void aWrongPasswordIsNamedByServe(@TempDir Path tmp) throws Exception {
    Path file = config(tmp, Map.of(), broker.clientSettings(SaslSslKafka.USER, "not-the-password"));
    Running serve = launch("serve", "--port", "0", "-b", broker.bootstrapServers(), "--config", file.toString(),
        "--threads", "1", "--media", tmp.resolve("media").toString(), "--state-dir", tmp.resolve("state").toString());
    int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> serve.exit().get());
    assertEquals(2, exit, serve.err().toString());
    assertTrue(serve.err().toString().contains("acp serve: Kafka at " + broker.bootstrapServers()
        + " refused the connection: authentication failed"), serve.err().toString());
  }

  @Test
  void aWrongPasswordIsNamedByTheTrainer(@TempDir Path tmp) throws Exception {
    Path file = config(tmp, Map.of("acp.trainer.dir", tmp.resolve("work").toString()),
        broker.clientSettings(SaslSslKafka.USER, "not-the-password"));
    Running trainer = launch("trainer", "--bootstrap-servers", broker.bootstrapServers(), "--config", file.toString(),
        "--no-create-topics");
    int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> trainer.exit().get());
    assertEquals(2, exit, trainer.err().toString());
    assertTrue(trainer.err().toString().contains("acp trainer: Kafka at " + broker.bootstrapServers()
        + " refused the connection: authentication failed") && trainer.err().toString().contains("Invalid username or password"),
        trainer.err().toString());
  }

  private static String get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static String await(Supplier<String> probe, Running r, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && !r.exit().isDone()) {
      String v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + what + ": " + r.out() + "\n" + r.err());
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
