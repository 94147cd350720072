package dev.acpstream.deploy;

import static dev.acpstream.deploy.DeploymentFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compose file, the Kubernetes manifests, the Dockerfile and the ACL script against the code:
 * they parse; every ACP_* variable is a key the services read, with a value they accept; every
 * host and port a client is given is one a server listens on; every probe asks the path and port
 * the health endpoint serves; every topic named is in the catalog; every file the image copies
 * exists.
 */
class DeploymentFilesTest {

  /** Services of the image and the commands its launcher runs today. */
  private static final Set<String> RUNNABLE = Set.of("topology", "topics");
  /** Commands that arrive with issues 7 (trainer) and 8 (web): deployed switched off until then. */
  private static final Set<String> PENDING = Set.of("trainer", "web");
  /** Apicurio's image serves HTTP on 8080. */
  private static final int REGISTRY_CONTAINER_PORT = 8080;
  private static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  // ---- compose ----

  @Test
  void composeDefinesTheClusterTheIssueAsksFor() throws IOException {
    JsonNode services = DeploymentFiles.compose().path("services");
    List<String> brokers = names(services).stream().filter(n -> n.startsWith("kafka-")).toList();
    assertEquals(3, brokers.size(), "three KRaft brokers: " + brokers);
    for (String b : brokers) {
      Map<String, String> env = DeploymentFiles.env(services.get(b));
      assertEquals("apache/kafka:4.4.0", services.get(b).path("image").asText(), b);
      assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), b);
      assertEquals(brokers.size(), env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",").length, b + " voters");
      assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), b + ": topics come from the catalog");
    }
    assertTrue(services.path("registry").path("image").asText().startsWith("apicurio/apicurio-registry"),
        "an Apicurio registry");
    assertTrue(services.path("registry").path("image").asText().endsWith(":2.4.2.Final"), "Apicurio 2.4.2");
    assertTrue(services.path("topology").path("deploy").path("replicas").asInt() >= 2, "N topology instances");
    assertTrue(services.path("topology-gpu").path("profiles").toString().contains("gpu"), "an optional GPU profile");
  }

  @Test
  void everyAcpVariableInComposeIsAKeyTheServicesRead() throws IOException {
    Set<String> known = DeploymentFiles.knownEnvNames();
    List<String> unknown = new ArrayList<>();
    DeploymentFiles.compose().path("services").fields().forEachRemaining(s ->
        DeploymentFiles.env(s.getValue()).keySet().stream()
            .filter(k -> k.startsWith("ACP_") && !known.contains(k))
            .forEach(k -> unknown.add(s.getKey() + ": " + k)));
    assertEquals(List.of(), unknown, "ACP_* variables no service reads; known: " + known);
  }

  @Test
  void composeTopologyInstancesStartWithTheirConfiguration() throws IOException {
    JsonNode services = DeploymentFiles.compose().path("services");
    for (String name : List.of("topology", "topology-gpu")) {
      JsonNode s = services.get(name);
      Map<String, String> env = DeploymentFiles.env(s);
      int port = healthPort(name, env);
      String check = String.join(" ", texts(s.path("healthcheck").path("test")));
      assertTrue(check.contains("http://localhost:" + port + HealthEndpoint.READY),
          name + "'s health check asks " + check + ", the service serves readiness at :" + port + HealthEndpoint.READY);
      String stateDir = env.get(TopologyConfig.envName(TopologyConfig.STATE_DIR));
      assertTrue(texts(s.path("volumes")).stream().anyMatch(v -> v.equals(stateDir) || v.endsWith(":" + stateDir)),
          name + ": the state dir " + stateDir + " must be a volume");
    }
  }

  @Test
  void composeClientsReachWhatComposeServersListenOn() throws IOException {
    JsonNode services = DeploymentFiles.compose().path("services");
    List<String> problems = new ArrayList<>();
    services.fields().forEachRemaining(s -> {
      Map<String, String> env = DeploymentFiles.env(s.getValue());
      for (String key : List.of("ACP_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS")) {
        if (env.containsKey(key)) {
          for (String hostPort : env.get(key).split(",")) {
            String host = hostPort.substring(0, hostPort.indexOf(':'));
            JsonNode broker = services.path(host);
            String advertised = DeploymentFiles.env(broker).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
            if (!advertised.contains("://" + hostPort)) {
              problems.add(s.getKey() + " " + key + " names " + hostPort + "; " + host + " advertises '" + advertised + "'");
            }
          }
        }
      }
      String registry = env.get(TopologyConfig.envName("schema.registry.url"));
      if (registry != null) {
        URI u = URI.create(registry);
        boolean served = services.has(u.getHost()) && u.getPort() == REGISTRY_CONTAINER_PORT
            && u.getPath().equals(CCOMPAT_PATH);
        if (!served) {
          problems.add(s.getKey() + " registry URL " + registry + " is not the registry service's ccompat API on "
              + REGISTRY_CONTAINER_PORT);
        }
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void composeRunsOnlyCommandsTheImageHasUnlessSwitchedOff() throws IOException {
    DeploymentFiles.compose().path("services").fields().forEachRemaining(s -> {
      if (!s.getValue().path("image").asText().startsWith("acp-stream:")) {
        return;
      }
      String command = s.getValue().path("command").get(0).asText();
      if (PENDING.contains(command)) {
        assertTrue(s.getValue().path("profiles").size() > 0,
            s.getKey() + " runs `acp " + command + "`, which arrives later: keep it behind a profile");
      } else {
        assertTrue(RUNNABLE.contains(command), s.getKey() + " runs unknown command " + command);
      }
    });
  }

  // ---- Kubernetes ----

  @Test
  void kustomizationListsEveryManifestAndEachParses() throws IOException {
    Set<String> listed = new TreeSet<>();
    DeploymentFiles.kustomization().path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> present;
    try (Stream<Path> files = Files.list(DeploymentFiles.K8S)) {
      present = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(present, listed, "kustomization.yaml resources vs the files in deploy/k8s");
    for (JsonNode o : DeploymentFiles.k8sObjects()) {
      assertFalse(o.path("apiVersion").asText().isEmpty(), "apiVersion of " + o);
      assertFalse(o.path("kind").asText().isEmpty(), "kind of " + o);
      assertFalse(o.path("metadata").path("name").asText().isEmpty(), "metadata.name of " + o);
    }
  }

  @Test
  void everyAcpVariableInKubernetesIsAKeyTheServicesRead() throws IOException {
    Set<String> known = DeploymentFiles.knownEnvNames();
    List<String> unknown = new ArrayList<>();
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    for (JsonNode o : objects) {
      String where = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
      if (o.path("kind").asText().equals("ConfigMap")) {
        o.path("data").fieldNames().forEachRemaining(k -> {
          if (k.startsWith("ACP_") && !known.contains(k)) {
            unknown.add(where + ": " + k);
          }
        });
      }
      for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
        for (JsonNode e : c.path("env")) {
          String k = e.path("name").asText();
          if (k.startsWith("ACP_") && !known.contains(k)) {
            unknown.add(where + ": " + k);
          }
        }
      }
    }
    assertEquals(List.of(), unknown, "ACP_* variables no service reads; known: " + known);
  }

  @Test
  void kubernetesTopologyInstancesAreReadyByKafkaStreamsStateAndKeepStateOnVolumes() throws IOException {
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    for (String name : List.of("acp-topology", "acp-topology-gpu")) {
      JsonNode set = DeploymentFiles.object("StatefulSet", name);
      JsonNode pod = set.path("spec").path("template").path("spec");
      JsonNode c = pod.path("containers").get(0);
      assertEquals("topology", c.path("args").get(0).asText(), name);
      Map<String, String> env = DeploymentFiles.env(c, objects);
      int port = healthPort(name, env);
      assertEquals(HealthEndpoint.READY, c.path("readinessProbe").path("httpGet").path("path").asText(), name);
      assertEquals(port, c.path("readinessProbe").path("httpGet").path("port").asInt(), name + " readiness port");
      assertEquals(HealthEndpoint.LIVE, c.path("livenessProbe").path("httpGet").path("path").asText(), name);
      assertEquals(port, c.path("livenessProbe").path("httpGet").path("port").asInt(), name + " liveness port");
      assertTrue(texts(c.path("ports").findValues("containerPort")).contains(String.valueOf(port)), name + " exposes " + port);
      String stateDir = env.get(TopologyConfig.envName(TopologyConfig.STATE_DIR));
      Set<String> claims = new TreeSet<>(set.path("spec").path("volumeClaimTemplates").findValuesAsText("name"));
      boolean onClaim = false;
      for (JsonNode m : c.path("volumeMounts")) {
        onClaim |= m.path("mountPath").asText().equals(stateDir) && claims.contains(m.path("name").asText());
      }
      assertTrue(onClaim, name + ": " + stateDir + " must be mounted from a volumeClaimTemplate " + claims);
      assertConfigFileIsMounted(name, c, pod, env, objects);
    }
  }

  @Test
  void theGpuInstanceRunsOnlyOnGpuNodes() throws IOException {
    JsonNode pod = DeploymentFiles.object("StatefulSet", "acp-topology-gpu").path("spec").path("template").path("spec");
    assertTrue(pod.path("nodeSelector").size() > 0, "a GPU node selector");
    assertEquals("1", pod.path("containers").get(0).path("resources").path("limits").path("nvidia.com/gpu").asText());
  }

  @Test
  void kubernetesClientsReachWhatKubernetesServersListenOn() throws IOException {
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    Map<String, JsonNode> pods = DeploymentFiles.podSpecs();
    List<String> problems = new ArrayList<>();
    pods.forEach((workload, pod) -> {
      for (JsonNode c : pod.path("containers")) {
        Map<String, String> env = DeploymentFiles.env(c, objects);
        for (String key : List.of("ACP_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS")) {
          for (String hostPort : env.getOrDefault(key, "").split(",")) {
            if (!hostPort.isBlank()) {
              String[] hp = hostPort.split(":");
              check(problems, workload + " " + key, hp[0], Integer.parseInt(hp[1]), objects, pods);
            }
          }
        }
        String registry = env.get(TopologyConfig.envName("schema.registry.url"));
        if (registry != null) {
          URI u = URI.create(registry);
          if (!u.getPath().equals(CCOMPAT_PATH)) {
            problems.add(workload + ": registry URL " + registry + " is not the ccompat API");
          }
          check(problems, workload + " registry", u.getHost(), u.getPort(), objects, pods);
        }
      }
    });
    assertEquals(List.of(), problems);
  }

  /** A Service named {@code host} with {@code port}, whose selector picks pods with a matching containerPort. */
  private static void check(List<String> problems, String who, String host, int port, List<JsonNode> objects,
      Map<String, JsonNode> pods) {
    Optional<JsonNode> service = objects.stream()
        .filter(o -> o.path("kind").asText().equals("Service") && o.path("metadata").path("name").asText().equals(host))
        .findFirst();
    if (service.isEmpty()) {
      problems.add(who + ": no Service '" + host + "'");
      return;
    }
    JsonNode sp = null;
    for (JsonNode p : service.get().path("spec").path("ports")) {
      if (p.path("port").asInt() == port) {
        sp = p;
      }
    }
    if (sp == null) {
      problems.add(who + ": Service " + host + " has no port " + port);
      return;
    }
    int target = sp.path("targetPort").isMissingNode() ? port : sp.path("targetPort").asInt();
    Map<String, String> selector = new HashMap<>();
    service.get().path("spec").path("selector").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    boolean served = false;
    for (JsonNode o : objects) {
      JsonNode labels = o.path("spec").path("template").path("metadata").path("labels");
      boolean selected = !selector.isEmpty()
          && selector.entrySet().stream().allMatch(e -> labels.path(e.getKey()).asText().equals(e.getValue()));
      if (selected) {
        served |= o.path("spec").path("template").path("spec").path("containers").findValues("containerPort").stream()
            .anyMatch(p -> p.asInt() == target);
      }
    }
    if (!served) {
      problems.add(who + ": no pod behind Service " + host + " listens on " + target);
    }
  }

  @Test
  void everyReferencedConfigMapAndSecretIsDefined() throws IOException {
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    Set<String> defined = objects.stream()
        .filter(o -> Set.of("ConfigMap", "Secret").contains(o.path("kind").asText()))
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    DeploymentFiles.podSpecs().forEach((workload, pod) -> {
      pod.findValues("configMapRef").forEach(r -> need(missing, defined, workload, "ConfigMap/" + r.path("name").asText()));
      for (JsonNode v : pod.path("volumes")) {
        if (v.has("secret")) {
          need(missing, defined, workload, "Secret/" + v.path("secret").path("secretName").asText());
        }
        if (v.has("configMap")) {
          need(missing, defined, workload, "ConfigMap/" + v.path("configMap").path("name").asText());
        }
      }
    });
    assertEquals(List.of(), missing);
  }

  @Test
  void kubernetesRunsOnlyCommandsTheImageHasUnlessScaledToZero() throws IOException {
    for (JsonNode o : DeploymentFiles.k8sObjects()) {
      for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
        if (!c.path("image").asText().startsWith("acp-stream")) {
          continue;
        }
        String command = c.path("args").get(0).asText();
        String name = o.path("metadata").path("name").asText();
        if (PENDING.contains(command)) {
          assertEquals(0, o.path("spec").path("replicas").asInt(-1),
              name + " runs `acp " + command + "`, which arrives later: keep it at replicas 0");
        } else {
          assertTrue(RUNNABLE.contains(command), name + " runs unknown command " + command);
        }
      }
    }
  }

  @Test
  void volumesAreWritableByTheImagesUser() throws IOException {
    Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(Files.readString(DeploymentFiles.DOCKERFILE));
    assertTrue(user.find(), "the image runs as a numeric non-root user");
    for (JsonNode o : DeploymentFiles.k8sObjects()) {
      JsonNode pod = o.path("spec").path("template").path("spec");
      String name = o.path("metadata").path("name").asText();
      boolean ours = pod.path("containers").findValuesAsText("image").stream().anyMatch(i -> i.startsWith("acp-stream"));
      if (ours) {
        assertEquals(user.group(1), pod.path("securityContext").path("runAsUser").asText(), name + " runs as the image's user");
      }
      if (o.path("spec").path("volumeClaimTemplates").size() > 0) {
        assertFalse(pod.path("securityContext").path("fsGroup").isMissingNode(),
            name + ": a fresh volume is root-owned; set fsGroup so the container's user can write it");
      }
    }
  }

  // ---- image, launcher, ACLs ----

  @Test
  void theDockerfileCopiesOnlyFilesThatExistAndEveryModule() throws IOException {
    List<String> lines = Files.readAllLines(DeploymentFiles.DOCKERFILE);
    Set<String> copied = new TreeSet<>();
    for (String line : lines) {
      String l = line.trim();
      if (l.startsWith("COPY ") && !l.contains("--from=")) {
        String[] parts = l.substring(5).trim().split("\\s+");
        for (int i = 0; i < parts.length - 1; i++) {
          copied.add(parts[i]);
          assertTrue(Files.exists(ROOT.resolve(parts[i])), "the Dockerfile copies " + parts[i] + ", which does not exist");
        }
      }
    }
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (m.find()) {
      assertTrue(copied.contains(m.group(1)) || copied.contains(m.group(1) + "/pom.xml"),
          "the parent pom lists module " + m.group(1) + "; the image build needs it: " + copied);
    }
    assertTrue(copied.contains("deploy/docker/acp"), "the launcher is the entry point");
  }

  @Test
  void theLauncherStartsClassesThatExist() throws IOException {
    String launcher = Files.readString(DeploymentFiles.LAUNCHER);
    for (String command : RUNNABLE) {
      assertTrue(launcher.contains("  " + command + ")"), "the launcher dispatches `acp " + command + "`");
    }
    Matcher m = Pattern.compile("main=(dev\\.acpstream\\.[\\w.]+)").matcher(launcher);
    int classes = 0;
    while (m.find()) {
      String cls = m.group(1);
      Path source = ROOT.resolve(cls.startsWith("dev.acpstream.cli.") ? "cli" : "deploy/runtime")
          .resolve("src/main/java").resolve(cls.replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(source), "the launcher starts " + cls + "; no " + source);
      classes++;
    }
    assertEquals(3, classes, "topology, topics and the CLI");
  }

  @Test
  void theAclScriptNamesOnlyCatalogTopicsAndCoversEveryOne() throws IOException {
    String script = Files.readString(DeploymentFiles.ACLS);
    Set<String> catalog = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> named = new TreeSet<>();
    Matcher loops = Pattern.compile("for t in ([^;]+);").matcher(script);
    while (loops.find()) {
      for (String t : loops.group(1).replace("\\\n", " ").trim().split("\\s+")) {
        named.add(t);
      }
    }
    Matcher single = Pattern.compile("--topic ([a-z][\\w.-]+)").matcher(script);
    while (single.find()) {
      named.add(single.group(1));
    }
    named.remove("kafkasql-journal"); // the registry's own storage topic
    Set<String> unknown = new TreeSet<>(named);
    unknown.removeAll(catalog);
    assertEquals(Set.of(), unknown, "topics the ACLs name that the catalog does not have");
    Set<String> uncovered = new TreeSet<>(catalog);
    uncovered.removeAll(named);
    assertEquals(Set.of(), uncovered, "catalog topics no ACL grants");
  }

  // ---- helpers ----

  /** The health port the service will bind with this environment, which must also be a valid topology config. */
  private static int healthPort(String name, Map<String, String> env) {
    Map<String, String> local = new HashMap<>(env);
    local.remove(ServiceEnvironment.CONFIG_FILE_ENV); // a cluster path; the mount is checked separately
    Properties props = ServiceEnvironment.load(Optional.empty(), local);
    try {
      TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(props), local);
    } catch (IllegalArgumentException e) {
      fail(name + "'s environment is not a valid topology configuration: " + e.getMessage());
    }
    return ServiceEnvironment.healthPort(props);
  }

  private static void assertConfigFileIsMounted(String name, JsonNode c, JsonNode pod, Map<String, String> env,
      List<JsonNode> objects) {
    String file = env.get(ServiceEnvironment.CONFIG_FILE_ENV);
    if (file == null) {
      return;
    }
    boolean mounted = false;
    for (JsonNode m : c.path("volumeMounts")) {
      String dir = m.path("mountPath").asText();
      if (!file.startsWith(dir + "/")) {
        continue;
      }
      String key = file.substring(dir.length() + 1);
      for (JsonNode v : pod.path("volumes")) {
        if (v.path("name").asText().equals(m.path("name").asText()) && v.has("secret")) {
          String secret = v.path("secret").path("secretName").asText();
          mounted |= objects.stream().anyMatch(o -> o.path("kind").asText().equals("Secret")
              && o.path("metadata").path("name").asText().equals(secret)
              && (o.path("stringData").has(key) || o.path("data").has(key)));
        }
      }
    }
    assertTrue(mounted, name + ": " + ServiceEnvironment.CONFIG_FILE_ENV + "=" + file + " is not a key of a mounted Secret");
  }

  private static List<String> names(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> texts(Object nodes) {
    List<String> out = new ArrayList<>();
    if (nodes instanceof JsonNode n) {
      n.forEach(x -> out.add(x.asText()));
    } else if (nodes instanceof List<?> l) {
      l.forEach(x -> out.add(((JsonNode) x).asText()));
    }
    return out;
  }

  private static void need(List<String> missing, Set<String> defined, String workload, String ref) {
    if (!defined.contains(ref)) {
      missing.add(workload + " needs " + ref);
    }
  }
}
