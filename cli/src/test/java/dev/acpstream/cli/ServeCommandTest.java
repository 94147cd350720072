package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code acp serve}: the whole product in this JVM (embedded broker, topology, web) and its bad options. */
class ServeCommandTest {

  @Test
  void servesThePageTheApiAndTheMetricsOnAnEmbeddedBrokerUntilStopped(@TempDir Path tmp) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute("serve", "--port", "0",
        "--untrained-model", "--threads", "1", "--media", tmp.resolve("media").toString(),
        "--state-dir", tmp.resolve("state").toString(), "--for", "300"));
    Pattern serving = Pattern.compile("serving at (http://[^/\\s]+)/");
    String base = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (base == null && System.nanoTime() < deadline && !exit.isDone()) {
      Matcher m = serving.matcher(out.toString());
      if (m.find()) {
        base = m.group(1);
      }
      Thread.sleep(100);
    }
    assertTrue(base != null, "no 'serving at' line: " + out + err);
    assertTrue(out.toString().contains("Published model untrained-seed-42 as the champion"), out.toString());

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Image → music"), page.body());
    String models = "";
    long modelDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!models.contains("untrained-seed-42") && System.nanoTime() < modelDeadline) {
      models = http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Thread.sleep(200);
    }
    assertTrue(models.contains("\"championVersion\":\"untrained-seed-42\""), models);
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("acp_model_info{role=\"champion\",version=\"untrained-seed-42\"} 1"), metrics);
    assertTrue(metrics.contains("kafka_stream_"), "the topology's own metrics are bound");

    ((ServeCommand) cmd.getSubcommands().get("serve").getCommand()).stop.countDown();
    assertEquals(0, exit.get(60, TimeUnit.SECONDS), out + "\n" + err);
    assertTrue(out.toString().contains("Stopping ..."), out.toString());
  }

  @Test
  void badOptionsAreRefusedNamingThem(@TempDir Path tmp) throws Exception {
    Fixtures.Run port = Fixtures.run(new ServeCommand(), "--port", "70000");
    assertEquals(2, port.exit());
    assertTrue(port.err().contains("--port must be 0..65535, got 70000"), port.err());
    Fixtures.Run missing = Fixtures.run(new ServeCommand(), "--model", tmp.resolve("nope.acpnet").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nope.acpnet: no such model file"), missing.err());
    Path junk = Files.writeString(tmp.resolve("junk.acpnet"), "not a model archive");
    Fixtures.Run notAModel = Fixtures.run(new ServeCommand(), "--model", junk.toString());
    assertEquals(2, notAModel.exit());
    assertTrue(notAModel.err().contains("cannot load the model " + junk), notAModel.err());
    Fixtures.Run both = Fixtures.run(new ServeCommand(), "--model", junk.toString(), "--untrained-model");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("not both"), both.err());
  }
}
