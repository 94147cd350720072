package dev.acpstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real Apicurio Registry child process through its Confluent-compatible REST API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRegistryTest {

  private static final String JSON = "application/vnd.schemaregistry.v1+json";
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  private static final String MOOD_V1 =
      "{\"type\":\"record\",\"name\":\"Mood\",\"namespace\":\"dev.acpstream.test\","
          + "\"fields\":[{\"name\":\"trackId\",\"type\":\"string\"}]}";
  /* Adds a field with a default: a v2 reader can still read v1 data, so BACKWARD allows it. */
  private static final String MOOD_V2_COMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Mood\",\"namespace\":\"dev.acpstream.test\","
          + "\"fields\":[{\"name\":\"trackId\",\"type\":\"string\"},"
          + "{\"name\":\"valence\",\"type\":\"float\",\"default\":0.0}]}";
  /* Adds a field without a default: a reader of this cannot decode v1 data, so BACKWARD rejects. */
  private static final String MOOD_V2_INCOMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Mood\",\"namespace\":\"dev.acpstream.test\","
          + "\"fields\":[{\"name\":\"trackId\",\"type\":\"string\"},"
          + "{\"name\":\"arousal\",\"type\":\"float\"}]}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalRegistry registry;

  @BeforeAll
  void startRegistry() {
    registry = LocalRegistry.start();
  }

  @AfterAll
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void servesTheConfluentApiOnLoopbackAndLogsToAFile() throws Exception {
    assertTrue(
        registry.url().matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"), registry.url());
    assertEquals(200, get("/subjects").statusCode());
    assertTrue(Files.size(registry.logFile()) > 0, "log file " + registry.logFile());
  }

  @Test
  @Order(2)
  void registersASchemaAndServesItBackById() throws Exception {
    HttpResponse<String> registered = register("mood-registered", MOOD_V1);
    assertEquals(200, registered.statusCode(), registered.body());
    int id = idOf(registered.body());

    HttpResponse<String> fetched = get("/schemas/ids/" + id);
    assertEquals(200, fetched.statusCode(), fetched.body());
    assertTrue(fetched.body().contains("\\\"name\\\":\\\"Mood\\\""), fetched.body());
    assertTrue(fetched.body().contains("trackId"), fetched.body());

    // Registering the same schema again is idempotent: same id, no new version.
    assertEquals(id, idOf(register("mood-registered", MOOD_V1).body()));
    assertEquals("[1]", get("/subjects/mood-registered/versions").body().replace(" ", ""));
  }

  @Test
  @Order(3)
  void underBackwardCompatibilityRejectsAnIncompatibleChangeAndAcceptsACompatibleOne()
      throws Exception {
    String subject = "mood-evolving";
    HttpResponse<String> config =
        send(
            HttpRequest.newBuilder(uri("/config/" + subject))
                .header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")));
    assertEquals(200, config.statusCode(), config.body());
    assertEquals(200, register(subject, MOOD_V1).statusCode());

    HttpResponse<String> rejected = register(subject, MOOD_V2_INCOMPATIBLE);
    assertEquals(409, rejected.statusCode(), rejected.body());
    assertEquals("[1]", get("/subjects/" + subject + "/versions").body().replace(" ", ""));

    HttpResponse<String> accepted = register(subject, MOOD_V2_COMPATIBLE);
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals("[1,2]", get("/subjects/" + subject + "/versions").body().replace(" ", ""));
  }

  @Test
  @Order(4)
  void closeStopsTheProcessAndFreesItsPort() throws IOException {
    int port = registry.port();
    registry.close();
    registry = null;
    // Binding the exact port succeeds only once no process listens on it any more.
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
  }

  @Test
  void anUnbuiltAppIsReportedWithItsPathAndTheBuildCommand(@TempDir Path empty) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LocalRegistry.start(empty));
    assertTrue(e.getMessage().contains(empty.resolve("quarkus-run.jar").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(LocalRegistry.BUILD_COMMAND), e.getMessage());
  }

  @Test
  void theAppIsFoundFromAnyDirectoryInsideTheCheckoutOrFromTheProperty(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("deploy/registry"));
    Files.writeString(root.resolve("deploy/registry/pom.xml"), "<project/>");
    Path nested = Files.createDirectories(root.resolve("schemas/src"));
    assertEquals(
        root.resolve(LocalRegistry.APP_IN_CHECKOUT), LocalRegistry.locateApp(null, nested));
    assertEquals(
        Path.of("/opt/registry/quarkus-app"),
        LocalRegistry.locateApp("/opt/registry/quarkus-app", nested));
  }

  @Test
  void outsideACheckoutWithoutThePropertyTheErrorSaysWhatToSet(@TempDir Path elsewhere) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LocalRegistry.locateApp("  ", elsewhere));
    assertTrue(e.getMessage().contains(elsewhere.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(LocalRegistry.HOME_PROPERTY), e.getMessage());
  }

  private HttpResponse<String> register(String subject, String avsc) throws Exception {
    String body = "{\"schema\":" + jsonString(avsc) + "}";
    return send(
        HttpRequest.newBuilder(uri("/subjects/" + subject + "/versions"))
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", JSON).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(registry.url() + path);
  }

  private static int idOf(String json) {
    Matcher m = ID.matcher(json);
    assertTrue(m.find(), "no id in " + json);
    return Integer.parseInt(m.group(1));
  }

  private static String jsonString(String raw) {
    return "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
