package dev.acpstream.core.acpnet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained ACP-Net as one self-describing file (format {@value #FORMAT}, version
 * {@value #FORMAT_VERSION}): a zip archive whose first entry {@code acpnet.json} describes the
 * model (architecture, backbone, classes, training data, metrics, creation time, the
 * weak-label flag, and a table of tensors), followed by one entry per tensor holding raw
 * little-endian IEEE-754 float32 values in row-major order. Any language with a zip reader can
 * load it; the same bytes travel on the {@code models.acpnet} topic.
 */
public record AcpNetArtifact(AcpNetWeights weights, ArtifactInfo info) {

  public static final String FORMAT = "acp-stream/acpnet";
  public static final int FORMAT_VERSION = 1;
  public static final String HEADER_ENTRY = "acpnet.json";
  public static final List<String> CORRESPONDENCE_CLASSES = List.of("false", "true");

  /** Refuses archives that would unpack past this: no real ACP-Net is near it. */
  private static final long MAX_TOTAL_BYTES = 1L << 30;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public AcpNetModel model() {
    return new AcpNetModel(weights);
  }

  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, toBytes());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static AcpNetArtifact load(Path file) throws IOException {
    try {
      return fromBytes(Files.readAllBytes(file));
    } catch (InvalidArtifactException e) {
      throw new InvalidArtifactException(file + ": " + e.getMessage(), e);
    }
  }

  public byte[] toBytes() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    putNorm(tensors, shapes, "image.norm", weights.imageNorm());
    putNorm(tensors, shapes, "music.norm", weights.musicNorm());
    putMlp(tensors, shapes, "image", weights.image());
    putMlp(tensors, shapes, "music", weights.music());
    putMlp(tensors, shapes, "fusion", weights.fusion());
    if (weights.musicProbe() != null) {
      putMlp(tensors, shapes, "probe.music", weights.musicProbe().mlp());
    }
    if (weights.imageProbe() != null) {
      putMlp(tensors, shapes, "probe.image", weights.imageProbe().mlp());
    }

    AcpNetConfig c = weights.config();
    ObjectNode h = JSON.createObjectNode();
    h.put("format", FORMAT);
    h.put("format_version", FORMAT_VERSION);
    h.put("created_at", info.createdAt().toString());
    h.put("weakly_labelled_images", info.weaklyLabelledImages());
    ObjectNode backbone = h.putObject("backbone");
    backbone.put("id", c.backboneId());
    backbone.put("dim", c.imageDim());
    ObjectNode music = h.putObject("music_feature");
    music.put("id", "librosa-193");
    music.put("dim", c.musicDim());
    ObjectNode layers = h.putObject("layers");
    putInts(layers.putArray("image"), c.imageLayers());
    putInts(layers.putArray("music"), c.musicLayers());
    putInts(layers.putArray("fusion"), c.fusionLayers());
    h.put("dropout", c.dropout());
    h.put("activation", "relu");
    h.put("normalisation", "standardise: (x - mean) / std per dimension, fitted on training items");
    ObjectNode classes = h.putObject("classes");
    CORRESPONDENCE_CLASSES.forEach(classes.putArray("correspondence")::add);
    if (weights.musicProbe() != null) {
      weights.musicProbe().classes().forEach(classes.putArray("music_probe")::add);
    }
    if (weights.imageProbe() != null) {
      weights.imageProbe().classes().forEach(classes.putArray("image_probe")::add);
    }
    h.set("training_data", JSON.valueToTree(info.trainingData()));
    h.set("metrics", JSON.valueToTree(info.metrics()));
    ArrayNode table = h.putArray("tensors");
    for (Map.Entry<String, int[]> t : shapes.entrySet()) {
      ObjectNode row = table.addObject();
      row.put("name", t.getKey());
      putInts(row.putArray("shape"), t.getValue());
      row.put("dtype", "float32-le");
      row.put("entry", entryName(t.getKey()));
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
      zip.write(JSON.writeValueAsBytes(h));
      zip.closeEntry();
      for (Map.Entry<String, float[]> t : tensors.entrySet()) {
        zip.putNextEntry(new ZipEntry(entryName(t.getKey())));
        ByteBuffer buf = ByteBuffer.allocate(t.getValue().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(t.getValue());
        zip.write(buf.array());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static AcpNetArtifact fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length < 4) {
      throw new InvalidArtifactException("not an ACP-Net artifact: "
          + (bytes == null ? "no bytes" : bytes.length + " bytes"));
    }
    if (bytes[0] != 'P' || bytes[1] != 'K') {
      throw new InvalidArtifactException("not an ACP-Net artifact: not a zip archive (starts with 0x"
          + String.format("%02x%02x", bytes[0], bytes[1]) + ")");
    }
    Map<String, byte[]> entries = new HashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      byte[] chunk = new byte[1 << 16];
      while ((e = zip.getNextEntry()) != null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        while ((n = zip.read(chunk)) > 0) {
          total += n;
          if (total > MAX_TOTAL_BYTES) {
            throw new InvalidArtifactException("ACP-Net artifact unpacks to more than "
                + MAX_TOTAL_BYTES + " bytes; refusing it");
          }
          out.write(chunk, 0, n);
        }
        entries.put(e.getName(), out.toByteArray());
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new InvalidArtifactException("ACP-Net artifact is a damaged zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] headerBytes = entries.get(HEADER_ENTRY);
    if (headerBytes == null) {
      throw new InvalidArtifactException("not an ACP-Net artifact: the archive has no " + HEADER_ENTRY
          + " (entries: " + entries.keySet() + ")");
    }
    JsonNode h;
    try {
      h = JSON.readTree(headerBytes);
    } catch (IOException e) {
      throw new InvalidArtifactException(HEADER_ENTRY + " is not valid JSON: " + e.getMessage(), e);
    }
    String format = h.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new InvalidArtifactException("not an ACP-Net artifact: format is '" + format
          + "', expected '" + FORMAT + "'");
    }
    int version = h.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new InvalidArtifactException("ACP-Net artifact format version " + version
          + " is not supported by this build (it reads version " + FORMAT_VERSION + ")");
    }
    try {
      return decode(h, entries);
    } catch (InvalidArtifactException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidArtifactException("ACP-Net artifact is inconsistent: " + e.getMessage(), e);
    }
  }

  private static AcpNetArtifact decode(JsonNode h, Map<String, byte[]> entries) {
    Map<String, float[]> tensors = new HashMap<>();
    Map<String, int[]> shapes = new HashMap<>();
    for (JsonNode t : required(h, "tensors")) {
      String name = t.path("name").asText();
      int[] shape = ints(t.path("shape"));
      if (!"float32-le".equals(t.path("dtype").asText())) {
        throw new InvalidArtifactException("tensor " + name + " has dtype '" + t.path("dtype").asText()
            + "', only float32-le is supported");
      }
      byte[] raw = entries.get(t.path("entry").asText());
      if (raw == null) {
        throw new InvalidArtifactException("tensor " + name + " is listed but its entry '"
            + t.path("entry").asText() + "' is missing");
      }
      long count = 1;
      for (int s : shape) {
        count *= s;
      }
      if (raw.length != count * 4) {
        throw new InvalidArtifactException("tensor " + name + " has " + raw.length + " bytes, its shape "
            + java.util.Arrays.toString(shape) + " needs " + count * 4);
      }
      float[] v = new float[(int) count];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      for (float f : v) {
        if (!Float.isFinite(f)) {
          throw new InvalidArtifactException("tensor " + name + " holds a non-finite value");
        }
      }
      tensors.put(name, v);
      shapes.put(name, shape);
    }
    JsonNode layers = required(h, "layers");
    AcpNetConfig config = new AcpNetConfig(
        required(required(h, "backbone"), "id").asText(),
        required(required(h, "backbone"), "dim").asInt(),
        required(required(h, "music_feature"), "dim").asInt(),
        ints(required(layers, "image")),
        ints(required(layers, "music")),
        ints(required(layers, "fusion")),
        (float) required(h, "dropout").asDouble());
    JsonNode classes = required(h, "classes");
    EmotionProbe musicProbe = classes.has("music_probe")
        ? new EmotionProbe(strings(classes.get("music_probe")), mlp(tensors, shapes, "probe.music", false))
        : null;
    EmotionProbe imageProbe = classes.has("image_probe")
        ? new EmotionProbe(strings(classes.get("image_probe")), mlp(tensors, shapes, "probe.image", false))
        : null;
    AcpNetWeights weights = new AcpNetWeights(config,
        norm(tensors, "image.norm"), norm(tensors, "music.norm"),
        mlp(tensors, shapes, "image", true), mlp(tensors, shapes, "music", true),
        mlp(tensors, shapes, "fusion", false), musicProbe, imageProbe);
    Instant created;
    try {
      created = Instant.parse(required(h, "created_at").asText());
    } catch (DateTimeParseException e) {
      throw new InvalidArtifactException("created_at is not an ISO-8601 instant: " + e.getMessage(), e);
    }
    ArtifactInfo info = new ArtifactInfo(created, required(h, "weakly_labelled_images").asBoolean(),
        JSON.convertValue(h.path("training_data"), new TypeReference<Map<String, Object>>() {}),
        JSON.convertValue(h.path("metrics"), new TypeReference<Map<String, Object>>() {}));
    return new AcpNetArtifact(weights, info);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidArtifactException(HEADER_ENTRY + " lacks the field '" + field + "'");
    }
    return v;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void putInts(ArrayNode array, int[] values) {
    for (int v : values) {
      array.add(v);
    }
  }

  private static String entryName(String tensor) {
    return "tensors/" + tensor + ".f32";
  }

  private static void putNorm(Map<String, float[]> t, Map<String, int[]> s, String name, Standardizer n) {
    t.put(name + ".mean", n.mean());
    s.put(name + ".mean", new int[] {n.dim()});
    t.put(name + ".std", n.std());
    s.put(name + ".std", new int[] {n.dim()});
  }

  private static void putMlp(Map<String, float[]> t, Map<String, int[]> s, String name, Mlp mlp) {
    for (int i = 0; i < mlp.layers().size(); i++) {
      DenseLayer l = mlp.layers().get(i);
      t.put(name + ".fc" + i + ".weight", l.weight());
      s.put(name + ".fc" + i + ".weight", new int[] {l.out(), l.in()});
      t.put(name + ".fc" + i + ".bias", l.bias());
      s.put(name + ".fc" + i + ".bias", new int[] {l.out()});
    }
  }

  private static Standardizer norm(Map<String, float[]> t, String name) {
    return new Standardizer(tensor(t, name + ".mean"), tensor(t, name + ".std"));
  }

  private static Mlp mlp(Map<String, float[]> t, Map<String, int[]> s, String name, boolean reluOut) {
    List<DenseLayer> layers = new ArrayList<>();
    for (int i = 0; t.containsKey(name + ".fc" + i + ".weight"); i++) {
      int[] shape = s.get(name + ".fc" + i + ".weight");
      if (shape.length != 2) {
        throw new InvalidArtifactException("tensor " + name + ".fc" + i + ".weight is not 2-d");
      }
      layers.add(new DenseLayer(shape[1], shape[0], t.get(name + ".fc" + i + ".weight"),
          tensor(t, name + ".fc" + i + ".bias")));
    }
    if (layers.isEmpty()) {
      throw new InvalidArtifactException("the artifact has no tensors for the " + name + " network");
    }
    return new Mlp(layers, reluOut);
  }

  private static float[] tensor(Map<String, float[]> t, String name) {
    float[] v = t.get(name);
    if (v == null) {
      throw new InvalidArtifactException("the artifact lacks the tensor " + name);
    }
    return v;
  }
}
