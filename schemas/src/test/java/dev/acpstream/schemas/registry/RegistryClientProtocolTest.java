package dev.acpstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.MediaLabel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol tests of {@link SchemaRegistryClient} against {@link ScriptedHttpServer} (NOT a
 * registry): the HTTP the client sends and its handling of failures. Behaviour against a real
 * registry is in RegistrySerdeTest.
 */
class RegistryClientProtocolTest {

  private static final String BASE = "/apis/ccompat/v7";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScriptedHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SchemaRegistryClient client(Map<String, String> extra) {
    Map<String, String> config = new HashMap<>(extra);
    config.putIfAbsent(RegistryClientConfig.URL, server.url(BASE));
    config.putIfAbsent(RegistryClientConfig.RETRIES_WAIT_MS, "10");
    return new SchemaRegistryClient(RegistryClientConfig.from(new ConfigValues(config)).orElseThrow());
  }

  @Test
  void registerPostsTheSchemaAsJsonToTheEncodedSubjectAndSendsBasicAuth() throws Exception {
    server.then(200, "{\"id\":17}");
    SchemaRegistryClient c = client(Map.of(RegistryClientConfig.USER_INFO, "alice:s3cr:et"));
    assertEquals(17, c.register("media/audio chunks-value", AudioChunk.getClassSchema()));

    var req = server.requests().get(0);
    assertEquals("POST", req.method());
    assertEquals(BASE + "/subjects/media%2Faudio%20chunks-value/versions", req.rawPath());
    assertEquals("application/vnd.schemaregistry.v1+json", req.header("Content-Type"));
    assertEquals("Basic " + Base64.getEncoder().encodeToString(
        "alice:s3cr:et".getBytes(StandardCharsets.UTF_8)), req.header("Authorization"));
    String schemaText = JSON.readTree(req.body()).get("schema").textValue();
    assertEquals(AudioChunk.getClassSchema(), new Schema.Parser().parse(schemaText));

    // Cached: the same (subject, schema) does not ask again.
    assertEquals(17, c.register("media/audio chunks-value", AudioChunk.getClassSchema()));
    assertEquals(1, server.requests().size());
  }

  @Test
  void credentialsCanComeFromTheUrl() {
    server.then(200, "{\"id\":1}");
    String url = server.url(BASE).replace("http://", "http://bob:pa%40ss@");
    SchemaRegistryClient c = client(Map.of(RegistryClientConfig.URL, url,
        RegistryClientConfig.CREDENTIALS_SOURCE, "URL"));
    c.register("s", MediaLabel.getClassSchema());
    assertEquals("Basic " + Base64.getEncoder().encodeToString("bob:pa@ss".getBytes(StandardCharsets.UTF_8)),
        server.requests().get(0).header("Authorization"));
    assertEquals(BASE + "/subjects/s/versions", server.requests().get(0).rawPath());
  }

  @Test
  void noCredentialsMeansNoAuthorizationHeader() {
    server.then(200, "{\"id\":1}");
    client(Map.of()).register("s", MediaLabel.getClassSchema());
    assertNull(server.requests().get(0).header("Authorization"));
  }

  @Test
  void schemaByIdParsesTheAnswerAndCachesIt() {
    server.then(200, "{\"schema\":" + JSON.valueToTree(MediaLabel.getClassSchema().toString()) + "}");
    SchemaRegistryClient c = client(Map.of());
    assertEquals(MediaLabel.getClassSchema(), c.schemaById(5));
    assertEquals(MediaLabel.getClassSchema(), c.schemaById(5));
    assertEquals(1, server.requests().size());
    assertEquals("GET", server.requests().get(0).method());
    assertEquals(BASE + "/schemas/ids/5", server.requests().get(0).rawPath());
  }

  @Test
  void transientFailuresAreRetriedWithBackoff() {
    server.then(503, "busy").then(429, "{\"error_code\":429,\"message\":\"slow down\"}")
        .then(200, "{\"id\":3}");
    long t0 = System.nanoTime();
    assertEquals(3, client(Map.of(RegistryClientConfig.RETRIES_WAIT_MS, "50"))
        .register("s", MediaLabel.getClassSchema()));
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(3, server.requests().size());
    assertTrue(elapsedMs >= 150, "backoff 50 ms then 100 ms, took " + elapsedMs + " ms");
  }

  @Test
  void clientErrorsAreNotRetriedAndCarryTheConfluentErrorCode() {
    server.then(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
    RegistryException e = assertThrows(RegistryException.class,
        () -> client(Map.of()).register("s", MediaLabel.getClassSchema()));
    assertEquals(422, e.httpStatus());
    assertEquals(42201, e.errorCode());
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("Invalid schema"), e.getMessage());
    assertEquals(1, server.requests().size());
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    for (int i = 0; i < 5; i++) {
      server.then(500, "{\"error_code\":50001,\"message\":\"store down\"}");
    }
    RegistryException e = assertThrows(RegistryException.class,
        () -> client(Map.of(RegistryClientConfig.MAX_RETRIES, "2")).schemaById(9));
    assertEquals(3, server.requests().size());
    assertEquals(500, e.httpStatus());
    assertEquals(50001, e.errorCode());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
  }

  @Test
  void aDeadUrlFailsOverToTheNextOne() throws IOException {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    server.then(200, "{\"id\":8}");
    String urls = "http://127.0.0.1:" + deadPort + BASE + "," + server.url(BASE);
    assertEquals(8, client(Map.of(RegistryClientConfig.URL, urls)).register("s", MediaLabel.getClassSchema()));
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() {
    server.thenSlow(1500, 200, "{\"id\":1}").then(200, "{\"id\":2}");
    SchemaRegistryClient c = client(Map.of(RegistryClientConfig.READ_TIMEOUT_MS, "300"));
    assertEquals(2, c.register("s", MediaLabel.getClassSchema()));
  }

  @Test
  void aSuccessWithoutJsonIsAClearError() {
    server.then(200, "<html>proxy login</html>");
    RegistryException e = assertThrows(RegistryException.class, () -> client(Map.of()).schemaById(1));
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @Test
  void latestAndCompatibilityUseTheirEndpoints() throws Exception {
    String schemaJson = JSON.writeValueAsString(MediaLabel.getClassSchema().toString());
    server.then(200, "{\"subject\":\"s\",\"id\":4,\"version\":2,\"schema\":" + schemaJson + "}")
        .then(200, "{\"is_compatible\":false}")
        .then(200, "{\"compatibility\":\"BACKWARD\"}");
    SchemaRegistryClient c = client(Map.of());
    RegisteredSchema latest = c.latest("s");
    assertEquals(4, latest.id());
    assertEquals(2, latest.version());
    assertEquals(MediaLabel.getClassSchema(), latest.schema());
    assertFalse(c.isCompatible("s", MediaLabel.getClassSchema()));
    c.setCompatibility("s", CompatibilityLevel.BACKWARD);
    assertEquals(BASE + "/subjects/s/versions/latest", server.requests().get(0).rawPath());
    assertEquals(BASE + "/compatibility/subjects/s/versions/latest", server.requests().get(1).rawPath());
    assertEquals("PUT", server.requests().get(2).method());
    assertEquals(BASE + "/config/s", server.requests().get(2).rawPath());
    assertEquals("BACKWARD", JSON.readTree(server.requests().get(2).body()).get("compatibility").textValue());
  }
}
