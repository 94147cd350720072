package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes follow a real Kafka Streams client's state: alive but not ready before it runs,
 * neither once it stopped. (RUNNING needs a broker: the kill drill covers it.)
 */
class HealthEndpointTest {

  @TempDir Path state;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesFollowTheStreamsState() throws Exception {
    StreamsBuilder b = new StreamsBuilder();
    b.stream("in").to("out");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    KafkaStreams streams = new KafkaStreams(b.build(), p);
    try (HealthEndpoint health = HealthEndpoint.start(streams, 0)) {
      HttpResponse<String> ready = get(health.port(), HealthEndpoint.READY);
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains("\"state\":\"CREATED\""), ready.body());
      assertEquals(200, get(health.port(), HealthEndpoint.LIVE).statusCode());
      assertEquals(404, get(health.port(), "/health/other").statusCode());

      streams.close(Duration.ofSeconds(10));
      assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
      HttpResponse<String> live = get(health.port(), HealthEndpoint.LIVE);
      assertEquals(503, live.statusCode(), "a stopped instance is not alive: " + live.body());
      assertEquals(503, get(health.port(), HealthEndpoint.READY).statusCode());
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port()
          + HealthEndpoint.READY)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  @Test
  void stateMapping() {
    for (KafkaStreams.State s : KafkaStreams.State.values()) {
      assertEquals(s == KafkaStreams.State.RUNNING, HealthEndpoint.isReady(s), s.name());
    }
    assertTrue(HealthEndpoint.isLive(KafkaStreams.State.REBALANCING), "restoring is alive");
    assertTrue(!HealthEndpoint.isLive(KafkaStreams.State.ERROR));
  }
}
