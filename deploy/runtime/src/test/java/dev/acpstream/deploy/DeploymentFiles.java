package dev.acpstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.trainer.TrainerConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checkout's deployment files, parsed, and the names the code knows, for the consistency tests. */
final class DeploymentFiles {

  static final Path ROOT = Path.of(System.getProperty("acp.project.dir", "../.."));
  static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
  static final Path K8S = ROOT.resolve("deploy/k8s");
  static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");
  static final Path LAUNCHER = ROOT.resolve("deploy/docker/acp");
  static final Path ACLS = ROOT.resolve("deploy/security/kafka-acls.sh");

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private DeploymentFiles() {}

  /** Every YAML document in {@code file}. */
  static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = YAML.createParser(file.toFile())) {
      var it = MAPPER.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && n.getNodeType() != JsonNodeType.MISSING && !n.isNull()) {
          docs.add(n);
        }
      }
    }
    return docs;
  }

  static JsonNode compose() throws IOException {
    List<JsonNode> docs = documents(COMPOSE);
    if (docs.size() != 1) {
      throw new IllegalStateException(COMPOSE + " holds " + docs.size() + " documents, expected 1");
    }
    return docs.get(0);
  }

  /** The manifests kustomization.yaml lists, by file. */
  static Map<String, List<JsonNode>> k8s() throws IOException {
    Map<String, List<JsonNode>> out = new LinkedHashMap<>();
    for (JsonNode r : kustomization().path("resources")) {
      out.put(r.asText(), documents(K8S.resolve(r.asText())));
    }
    return out;
  }

  static JsonNode kustomization() throws IOException {
    return documents(K8S.resolve("kustomization.yaml")).get(0);
  }

  static List<JsonNode> k8sObjects() throws IOException {
    return k8s().values().stream().flatMap(List::stream).toList();
  }

  /** Pod templates (Deployment, StatefulSet, Job) by workload name. */
  static Map<String, JsonNode> podSpecs() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode o : k8sObjects()) {
      JsonNode spec = o.path("spec").path("template").path("spec");
      if (!spec.isMissingNode()) {
        out.put(o.path("metadata").path("name").asText(), spec);
      }
    }
    return out;
  }

  static JsonNode object(String kind, String name) throws IOException {
    return k8sObjects().stream()
        .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + K8S));
  }

  /**
   * The environment variable names the service started by {@code command} (the image's first
   * argument) reads: every service reads {@link ServiceEnvironment#envKeys()} and {@value
   * ServiceEnvironment#CONFIG_FILE_ENV}; the trainer its {@link TrainerConfig} keys; the others
   * (topology, topics, serve) the {@link TopologyConfig} keys.
   */
  static Set<String> knownEnvNames(String command) {
    Set<String> names = new TreeSet<>();
    ServiceEnvironment.envKeys().forEach(k -> names.add(TopologyConfig.envName(k)));
    names.add(ServiceEnvironment.CONFIG_FILE_ENV);
    List<String> own = command.equals("trainer") ? keys(TrainerConfig.class) : topologyKeys();
    own.forEach(k -> names.add(TopologyConfig.envName(k)));
    return names;
  }

  static List<String> topologyKeys() {
    return keys(TopologyConfig.class);
  }

  /** The public String constants of a configuration record: its keys. */
  private static List<String> keys(Class<?> config) {
    List<String> keys = new ArrayList<>();
    for (Field f : config.getFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
        try {
          keys.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return keys;
  }

  /** A compose service's environment (map form). */
  static Map<String, String> env(JsonNode composeService) {
    Map<String, String> env = new LinkedHashMap<>();
    composeService.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  /** A container's environment: its ConfigMaps (envFrom) first, then its own env entries. */
  static Map<String, String> env(JsonNode container, List<JsonNode> objects) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      String name = from.path("configMapRef").path("name").asText();
      JsonNode cm = objects.stream()
          .filter(o -> o.path("kind").asText().equals("ConfigMap") && o.path("metadata").path("name").asText().equals(name))
          .findFirst().orElseThrow(() -> new AssertionError("envFrom names a ConfigMap '" + name + "' that no manifest defines"));
      cm.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    for (JsonNode e : container.path("env")) {
      env.put(e.path("name").asText(), e.path("value").asText());
    }
    return env;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
