package dev.acpstream.core.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item labels as a CSV text file, {@code <item path>,<label>} per line ('#' starts a comment).
 * A label is one of the paper's three classes (negative, neutral, positive) or one of the eight
 * image emotions, which maps to its class (Table 1).
 */
public final class LabelTable {

  /** One item's label: the three-class label and, where given, the finer image emotion. */
  public record Label(EmotionClass emotionClass, ImageEmotion emotion) {}

  private LabelTable() {}

  public static Map<String, Label> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("label file " + file + " does not exist");
    }
    Map<String, Label> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1);
      int comma = line.lastIndexOf(',');
      if (comma <= 0) {
        throw new IllegalArgumentException(where + ": expected '<item>,<label>'");
      }
      String item = line.substring(0, comma).strip();
      String text = line.substring(comma + 1).strip();
      Label label;
      try {
        label = new Label(EmotionClass.parse(text), null);
      } catch (IllegalArgumentException notClass) {
        try {
          ImageEmotion e = ImageEmotion.parseFolder(text);
          label = new Label(e.emotionClass(), e);
        } catch (IllegalArgumentException notEmotion) {
          throw new IllegalArgumentException(where + ": label '" + text
              + "' is neither negative/neutral/positive nor one of the eight image emotions");
        }
      }
      if (out.put(item, label) != null) {
        throw new IllegalArgumentException(where + ": " + item + " is labelled twice");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("label file " + file + " has no labels");
    }
    return out;
  }
}
