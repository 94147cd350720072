package dev.acpstream.core.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The 4Q audio emotion dataset (Panda, Malheiro, Paiva 2018) in its published layout: folders Q1
 * to Q4 of clips named {@code <song id>.<ext>}, and {@code panda_dataset_taffc_annotations.csv}
 * (columns Song, Quadrant). A clip's folder and its annotation must agree.
 */
public final class FourQDataset {

  public static final String ANNOTATIONS = "panda_dataset_taffc_annotations.csv";

  private final Path root;
  private final List<FourQClip> clips;

  private FourQDataset(Path root, List<FourQClip> clips) {
    this.root = root;
    this.clips = List.copyOf(clips);
  }

  public Path root() {
    return root;
  }

  /** Clips in a stable order: by quadrant folder, then by file name. */
  public List<FourQClip> clips() {
    return clips;
  }

  public static FourQDataset load(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("4Q dataset directory " + root + " does not exist");
    }
    Path csv = root.resolve(ANNOTATIONS);
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException(root + " is not a 4Q dataset: " + ANNOTATIONS + " is missing");
    }
    Map<String, Quadrant> annotated = readAnnotations(csv);
    List<FourQClip> clips = new ArrayList<>();
    for (Quadrant q : Quadrant.values()) {
      Path dir = root.resolve(q.name());
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(root + " is not a 4Q dataset: folder " + q + " is missing");
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString();
          int dot = name.lastIndexOf('.');
          String song = dot > 0 ? name.substring(0, dot) : name;
          Quadrant label = annotated.get(song);
          if (label == null) {
            throw new IllegalArgumentException(f + " has no row in " + ANNOTATIONS);
          }
          if (label != q) {
            throw new IllegalArgumentException(f + " lies in folder " + q + " but " + ANNOTATIONS
                + " says " + label);
          }
          clips.add(new FourQClip(q.name() + "/" + name, song, q, f));
        }
      }
    }
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("4Q dataset " + root + " has no clips");
    }
    return new FourQDataset(root, clips);
  }

  /**
   * Reads a test list: one clip path per line relative to the dataset root (e.g.
   * {@code Q1/MT0000040632.mp3}); blank lines and lines starting with '#' are skipped. Every
   * named clip must exist in this dataset.
   */
  public Set<String> readTestList(Path file) throws IOException {
    Set<String> known = new java.util.HashSet<>();
    clips.forEach(c -> known.add(c.relativePath()));
    Set<String> out = new LinkedHashSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip().replace('\\', '/');
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("./")) {
        line = line.substring(2);
      }
      if (!known.contains(line)) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + line
            + "' is not a clip of the dataset at " + root);
      }
      out.add(line);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("test list " + file + " names no clip");
    }
    return out;
  }

  private static Map<String, Quadrant> readAnnotations(Path csv) throws IOException {
    Map<String, Quadrant> out = new HashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("song"))) {
        continue;
      }
      String[] cols = line.replace("\"", "").split(",");
      if (cols.length < 2) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected 'Song,Quadrant', got '"
            + line + "'");
      }
      try {
        out.put(cols[0].strip(), Quadrant.parse(cols[1]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
