package dev.acpstream.core.dataset;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precomputed feature vectors keyed by item path, as a CSV text file: one line per item,
 * {@code <relative path>,<v0>,<v1>,...}; lines starting with '#' are comments. Every row must
 * have the same width. Lets evaluation run on features extracted elsewhere or earlier.
 */
public final class FeatureTable implements MusicFeatureSource {

  private final Map<String, float[]> rows;
  private final int dim;
  private final Path origin;

  private FeatureTable(Map<String, float[]> rows, int dim, Path origin) {
    this.rows = rows;
    this.dim = dim;
    this.origin = origin;
  }

  public int dim() {
    return dim;
  }

  public int size() {
    return rows.size();
  }

  public boolean contains(String relativePath) {
    return rows.containsKey(relativePath);
  }

  @Override
  public float[] features(String relativePath, Path file) {
    float[] v = rows.get(relativePath);
    if (v == null) {
      throw new IllegalArgumentException("feature file " + origin + " has no row for " + relativePath);
    }
    return v.clone();
  }

  public static FeatureTable read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("feature file " + file + " does not exist");
    }
    Map<String, float[]> rows = new LinkedHashMap<>();
    int dim = -1;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split(",");
      String where = file + " line " + (i + 1);
      if (cols.length < 2) {
        throw new IllegalArgumentException(where + ": expected '<path>,<values...>'");
      }
      float[] v = new float[cols.length - 1];
      for (int k = 1; k < cols.length; k++) {
        try {
          v[k - 1] = Float.parseFloat(cols[k].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + ": value " + k + " '" + cols[k] + "' is not a number", e);
        }
        if (!Float.isFinite(v[k - 1])) {
          throw new IllegalArgumentException(where + ": value " + k + " is not finite");
        }
      }
      if (dim < 0) {
        dim = v.length;
      } else if (v.length != dim) {
        throw new IllegalArgumentException(where + ": " + v.length + " values, earlier rows have " + dim);
      }
      if (rows.put(cols[0].strip(), v) != null) {
        throw new IllegalArgumentException(where + ": " + cols[0] + " appears twice");
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("feature file " + file + " has no rows");
    }
    return new FeatureTable(rows, dim, file);
  }

  public static void write(Path file, Map<String, float[]> rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("# acp-stream feature table: <relative path>,<values...>\n");
      for (Map.Entry<String, float[]> e : rows.entrySet()) {
        if (e.getKey().contains(",")) {
          throw new IllegalArgumentException("item path '" + e.getKey() + "' contains a comma");
        }
        StringBuilder sb = new StringBuilder(e.getKey());
        for (float f : e.getValue()) {
          sb.append(',').append(String.format(Locale.ROOT, "%.7g", f));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }
}
