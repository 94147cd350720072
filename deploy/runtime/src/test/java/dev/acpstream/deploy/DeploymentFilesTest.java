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
import dev.acpstream.trainer.TrainerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

  /** Services the image's launcher starts itself (deploy/docker/acp); anything else goes to bin/acp. */
  private static final Set<String> LAUNCHER_SERVICES = Set.of("topology", "topics");
  /** The long-running services beside the topology, and what their deployments are named. */
  private static final Map<String, String> APP_SERVICES = Map.of("trainer", "trainer", "serve", "web");
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
  void everyAcpVariableInComposeIsAKeyTheServiceReads() throws IOException {
    List<String> unknown = new ArrayList<>();
    DeploymentFiles.compose().path("services").fields().forEachRemaining(s -> {
      if (!s.getValue().path("image").asText().startsWith("acp-stream:")) {
        return;
      }
      String command = s.getValue().path("command").get(0).asText();
      Set<String> known = DeploymentFiles.knownEnvNames(command);
      DeploymentFiles.env(s.getValue()).keySet().stream()
          .filter(k -> k.startsWith("ACP_") && !known.contains(k))
          .forEach(k -> unknown.add(s.getKey() + " (acp " + command + "): " + k + "; it reads " + known));
    });
    assertEquals(List.of(), unknown, "ACP_* variables the service does not read");
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
  void composeRunsOnlyCommandsTheImageHasAndEveryServiceByDefault() throws IOException {
    Set<String> commands = new TreeSet<>();
    DeploymentFiles.compose().path("services").fields().forEachRemaining(s -> {
      if (!s.getValue().path("image").asText().startsWith("acp-stream:")) {
        return;
      }
      List<String> args = texts(s.getValue().path("command"));
      assertRunnable("compose service " + s.getKey(), args);
      commands.add(args.get(0));
      if (!s.getKey().endsWith("-gpu")) {
        assertEquals(0, s.getValue().path("profiles").size(), s.getKey() + " must start with a plain `up`, no profile");
      }
    });
    assertTrue(commands.containsAll(APP_SERVICES.keySet()) && commands.containsAll(LAUNCHER_SERVICES),
        "compose runs every service: " + commands);
  }

  @Test
  void composeTrainerAndWebAreReadyByKafkaStreamsStateOnTheirHealthPort() throws IOException {
    JsonNode services = DeploymentFiles.compose().path("services");
    for (Map.Entry<String, String> app : APP_SERVICES.entrySet()) {
      JsonNode s = services.path(app.getValue());
      List<String> args = texts(s.path("command"));
      assertEquals(app.getKey(), args.get(0), app.getValue() + " runs acp " + app.getKey());
      Map<String, String> env = DeploymentFiles.env(s);
      int port = appHealthPort(app.getValue(), app.getKey(), env);
      String check = String.join(" ", texts(s.path("healthcheck").path("test")));
      assertTrue(check.contains("http://localhost:" + port + HealthEndpoint.READY),
          app.getValue() + "'s health check asks " + check + "; it serves readiness at :" + port + HealthEndpoint.READY);
      assertEquals("service_completed_successfully", s.path("depends_on").path("topics").path("condition").asText(),
          app.getValue() + " starts after the topics exist");
    }
    JsonNode web = services.path("web");
    List<String> args = texts(web.path("command"));
    assertEquals("0.0.0.0", option(args, "--host"), "the web app listens beyond the container's loopback");
    String httpPort = option(args, "--port");
    assertTrue(texts(web.path("ports")).stream().anyMatch(p -> p.endsWith(":" + httpPort)),
        "the web app's published port reaches its --port " + httpPort + ": " + texts(web.path("ports")));
    assertFalse(DeploymentFiles.env(web).getOrDefault("ACP_BOOTSTRAP_SERVERS", "").isBlank(),
        "without ACP_BOOTSTRAP_SERVERS acp serve starts an embedded broker");
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
  void everyAcpVariableInKubernetesIsAKeyTheServiceReads() throws IOException {
    List<String> unknown = new ArrayList<>();
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    for (JsonNode o : objects) {
      String where = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
      for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
        if (!c.path("image").asText().startsWith("acp-stream")) {
          continue;
        }
        String command = c.path("args").get(0).asText();
        Set<String> known = DeploymentFiles.knownEnvNames(command);
        // The ConfigMaps it takes (envFrom) and its own entries.
        DeploymentFiles.env(c, objects).keySet().stream()
            .filter(k -> k.startsWith("ACP_") && !known.contains(k))
            .forEach(k -> unknown.add(where + " (acp " + command + "): " + k + "; it reads " + known));
      }
    }
    assertEquals(List.of(), unknown, "ACP_* variables the service does not read");
  }

  @Test
  void kubernetesTrainerAndWebRunOneReplicaReadyByKafkaStreamsState() throws IOException {
    List<JsonNode> objects = DeploymentFiles.k8sObjects();
    for (Map.Entry<String, String> app : APP_SERVICES.entrySet()) {
      String name = "acp-" + app.getValue();
      JsonNode deployment = DeploymentFiles.object("Deployment", name);
      assertEquals(1, deployment.path("spec").path("replicas").asInt(-1), name + " runs one replica");
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      JsonNode c = pod.path("containers").get(0);
      assertEquals(app.getKey(), c.path("args").get(0).asText(), name + " runs acp " + app.getKey());
      Map<String, String> env = DeploymentFiles.env(c, objects);
      int port = appHealthPort(name, app.getKey(), env);
      assertEquals(HealthEndpoint.READY, c.path("readinessProbe").path("httpGet").path("path").asText(), name);
      assertEquals(port, c.path("readinessProbe").path("httpGet").path("port").asInt(), name + " readiness port");
      assertEquals(HealthEndpoint.LIVE, c.path("livenessProbe").path("httpGet").path("path").asText(), name);
      assertEquals(port, c.path("livenessProbe").path("httpGet").path("port").asInt(), name + " liveness port");
      assertTrue(texts(c.path("ports").findValues("containerPort")).contains(String.valueOf(port)), name + " exposes " + port);
      assertConfigFileIsMounted(name, c, pod, env, objects);
    }
    assertEquals("Recreate", DeploymentFiles.object("Deployment", "acp-trainer").path("spec").path("strategy")
        .path("type").asText(), "never two trainers publishing at once, even during a rollout");
    JsonNode web = DeploymentFiles.object("Deployment", "acp-web").path("spec").path("template").path("spec")
        .path("containers").get(0);
    List<String> args = texts(web.path("args"));
    assertEquals("0.0.0.0", option(args, "--host"), "the web app listens beyond the pod's loopback");
    int httpPort = Integer.parseInt(option(args, "--port"));
    assertTrue(texts(web.path("ports").findValues("containerPort")).contains(String.valueOf(httpPort)),
        "acp-web declares its --port " + httpPort);
    JsonNode service = DeploymentFiles.object("Service", "acp-web");
    assertEquals(httpPort, service.path("spec").path("ports").get(0).path("targetPort").asInt(),
        "the acp-web Service targets the app's --port");
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
  void kubernetesRunsOnlyCommandsTheImageHasAndNothingScaledToZero() throws IOException {
    for (JsonNode o : DeploymentFiles.k8sObjects()) {
      for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
        if (!c.path("image").asText().startsWith("acp-stream")) {
          continue;
        }
        String name = o.path("metadata").path("name").asText();
        assertRunnable(o.path("kind").asText() + "/" + name, texts(c.path("args")));
        if (Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())) {
          assertTrue(o.path("spec").path("replicas").asInt(1) >= 1, name + " is deployed switched off (replicas 0)");
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
    for (String command : LAUNCHER_SERVICES) {
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

  @Test
  void theCliCommandReaderSeesTheServicesCommands() {
    // Guards the source reader itself: were it to find nothing, assertRunnable would refuse everything.
    Map<String, Set<String>> commands = CliCommands.topLevel();
    assertTrue(commands.get("serve").containsAll(Set.of("--host", "--port", "-b", "--state-dir", "--media", "--config")),
        commands.get("serve").toString());
    assertTrue(commands.get("trainer").containsAll(Set.of("--bootstrap-servers", "--config", "--no-create-topics")),
        commands.get("trainer").toString());
    assertFalse(commands.containsKey("web"), "there is no `acp web`: the web app is `acp serve`");
  }

  // ---- helpers ----

  /**
   * {@code args} as the image's entry point gets them: a service its launcher starts (with at
   * most {@code --config FILE}) or a {@code bin/acp} command with options that command declares.
   */
  private static void assertRunnable(String where, List<String> args) {
    assertFalse(args.isEmpty(), where + " gives the image no command");
    String command = args.get(0);
    if (LAUNCHER_SERVICES.contains(command)) {
      assertTrue(args.size() == 1 || (args.size() == 3 && args.get(1).equals("--config")),
          where + ": acp " + command + " takes only --config FILE: " + args);
      return;
    }
    Map<String, Set<String>> cli = CliCommands.topLevel();
    assertTrue(cli.containsKey(command), where + " runs `acp " + command + "`; bin/acp has " + cli.keySet());
    for (String a : args.subList(1, args.size())) {
      if (a.startsWith("-")) {
        String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        assertTrue(cli.get(command).contains(option),
            where + ": acp " + command + " has no option " + option + "; it has " + cli.get(command));
      }
    }
  }

  /** The value after {@code name} in {@code args}. */
  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    assertTrue(i >= 0 && i + 1 < args.size(), name + " is not given: " + args);
    return args.get(i + 1);
  }

  /**
   * The health port of the trainer or the web app with this environment, which must be a valid
   * configuration of that service; they serve health only when a port is configured.
   */
  private static int appHealthPort(String name, String command, Map<String, String> env) {
    Map<String, String> local = new HashMap<>(env);
    local.remove(ServiceEnvironment.CONFIG_FILE_ENV); // a cluster path; the mount is checked separately
    Properties props = ServiceEnvironment.load(Optional.empty(), local);
    try {
      if (command.equals("trainer")) {
        TrainerConfig.from(ServiceEnvironment.withoutServiceKeys(props), local);
      } else {
        TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(props), local);
      }
    } catch (IllegalArgumentException e) {
      fail(name + "'s environment is not a valid acp " + command + " configuration: " + e.getMessage());
    }
    OptionalInt port = ServiceEnvironment.configuredHealthPort(props);
    assertTrue(port.isPresent(), name + ": acp " + command + " serves /health only with "
        + TopologyConfig.envName(ServiceEnvironment.HEALTH_PORT) + " set");
    return port.getAsInt();
  }

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
