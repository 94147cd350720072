package dev.acpstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A small client for the Confluent schema-registry REST API (the subset Avro serdes need), which
 * Confluent Schema Registry, Apicurio's ccompat API, Karapace and Redpanda all speak.
 *
 * <p>Schemas by id and ids by (subject, schema) are cached (ids never change meaning); versions
 * and compatibility are always asked afresh. Calls time out, and transient failures (no answer,
 * 408, 429, 5xx) are retried with exponential backoff, trying each configured URL in turn.
 * Thread-safe.
 */
public final class SchemaRegistryClient implements AutoCloseable {

  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  public SchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // HTTP/1.1: some registries (Quarkus-based ones) mishandle h2c upgrade requests.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (!config.tls().isDefault()) {
      builder.sslContext(TlsContexts.build(config.tls()));
    }
    this.http = builder.build();
    this.authorization =
        config.userInfo().map(u ->
            "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
  }

  public RegistryClientConfig config() {
    return config;
  }

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
  public int register(String subject, Schema schema) {
    String cacheKey = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(answer, "id");
    idsBySubjectAndSchema.put(cacheKey, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * The version of {@code subject} whose schema is {@code schema}, without registering it; throws
   * {@link RegistryException} (404, 40401/40403) when there is none.
   */
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
    RegisteredSchema found = toRegistered(subject, answer, schema);
    idsBySubjectAndSchema.put(subject + '\u0000' + schema, found.id());
    return found;
  }

  /** The schema with the given global id; throws {@link RegistryException} (404) if unknown. */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null);
    Schema schema = parse(requiredText(answer, "schema"), "schema id " + id);
    schemasById.put(id, schema);
    return schema;
  }

  /** The latest version of {@code subject}. */
  public RegisteredSchema latest(String subject) {
    return toRegistered(subject, call("GET", "/subjects/" + encode(subject) + "/versions/latest", null), null);
  }

  /** One version of {@code subject}. */
  public RegisteredSchema version(String subject, int version) {
    return toRegistered(
        subject, call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), null);
  }

  /** The version numbers of {@code subject}, oldest first. */
  public List<Integer> versions(String subject) {
    JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions", null);
    List<Integer> out = new ArrayList<>();
    answer.forEach(n -> out.add(n.asInt()));
    return out;
  }

  /**
   * Whether {@code schema} may be registered as the next version of {@code subject} under the
   * subject's compatibility level (checked against its latest version).
   */
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode answer =
        call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
            schemaBody(schema));
    JsonNode flag = answer.get("is_compatible");
    if (flag == null || !flag.isBoolean()) {
      throw new RegistryException(
          "registry answer without a boolean 'is_compatible': " + answer, 200, 200, null);
    }
    return flag.booleanValue();
  }

  /** Sets the compatibility level of {@code subject}. */
  public void setCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = json.createObjectNode().put("compatibility", level.name());
    call("PUT", "/config/" + encode(subject), body);
  }

  /** Deletes {@code subject} (soft delete) and returns the versions it had. */
  public List<Integer> deleteSubject(String subject) {
    JsonNode answer = call("DELETE", "/subjects/" + encode(subject), null);
    List<Integer> out = new ArrayList<>();
    answer.forEach(n -> out.add(n.asInt()));
    idsBySubjectAndSchema.keySet().removeIf(k -> k.startsWith(subject + '\u0000'));
    return out;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient is AutoCloseable only from Java 21; its threads are daemons.
  }

  private ObjectNode schemaBody(Schema schema) {
    return json.createObjectNode().put("schema", schema.toString());
  }

  private RegisteredSchema toRegistered(String subject, JsonNode answer, Schema known) {
    int id = requiredInt(answer, "id");
    Schema schema = known;
    if (schema == null) {
      schema = schemasById.computeIfAbsent(
          id, i -> parse(requiredText(answer, "schema"), "subject " + subject));
    }
    return new RegisteredSchema(subject, id, requiredInt(answer, "version"), schema);
  }

  private JsonNode call(String method, String path, JsonNode body) {
    RegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        sleep(backoff(attempt));
      }
      for (URI base : config.urls()) {
        try {
          return send(base, method, path, body);
        } catch (RegistryException e) {
          if (!e.isTransient()) {
            throw e;
          }
          last = e;
        }
      }
    }
    throw new RegistryException(
        last.getMessage() + " (gave up after " + (config.maxRetries() + 1) + " attempts)",
        last.httpStatus(), last.errorCode(), last.getCause() == null ? last : last.getCause());
  }

  private JsonNode send(URI base, String method, String path, JsonNode body) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", MEDIA_TYPE + ", application/json");
    authorization.ifPresent(a -> request.header("Authorization", a));
    if (body != null) {
      request.header("Content-Type", MEDIA_TYPE);
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RegistryException(
          method + " " + uri + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          0, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(method + " " + uri + " interrupted", 0, 0, e);
    }
    int status = response.statusCode();
    JsonNode answer = readJson(response.body(), method, uri, status);
    if (status / 100 == 2) {
      return answer;
    }
    int code = answer.path("error_code").asInt(status);
    String message = answer.path("message").asText(truncate(response.body()));
    throw new RegistryException(
        method + " " + uri + " -> HTTP " + status + " (error " + code + "): " + message,
        status, code, null);
  }

  private JsonNode readJson(String body, String method, URI uri, int status) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      if (status / 100 != 2) {
        return json.createObjectNode(); // an error page that is not JSON: the status says enough
      }
      throw new RegistryException(
          method + " " + uri + " answered HTTP " + status + " with a body that is not JSON: "
              + truncate(body), status, status, e);
    }
  }

  private Duration backoff(int attempt) {
    long base = config.retryBackoff().toMillis();
    long millis = base << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, config.maxRetryBackoff().toMillis()));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while backing off", 0, 0, e);
    }
  }

  private static int requiredInt(JsonNode answer, String field) {
    JsonNode n = answer.get(field);
    if (n == null || !n.canConvertToInt()) {
      throw new RegistryException(
          "registry answer lacks integer '" + field + "': " + truncate(answer.toString()), 200, 200,
          null);
    }
    return n.intValue();
  }

  private static String requiredText(JsonNode answer, String field) {
    JsonNode n = answer.get(field);
    if (n == null || !n.isTextual()) {
      throw new RegistryException(
          "registry answer lacks string '" + field + "': " + truncate(answer.toString()), 200, 200,
          null);
    }
    return n.textValue();
  }

  private static Schema parse(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new RegistryException(
          "the registry's " + what + " is not a valid Avro schema: " + e.getMessage(), 200, 200, e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String truncate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
