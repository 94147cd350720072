package dev.acpstream.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Labelled images supplied by a user: one folder per emotion of the Image Emotion database
 * (amusement, awe, contentment, excitement, anger, disgust, fear, sadness or "sad"), plus an
 * optional {@code neutral} folder. Each image gets its fine emotion (absent for neutral) and the
 * paper's three-class label via {@link ImageEmotion#emotionClass()}.
 */
public final class ImageEmotionFolders {

  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp");

  private ImageEmotionFolders() {}

  /** One labelled image; {@code emotion} is null for images of the neutral folder. */
  public record LabelledImage(Path file, ImageEmotion emotion, EmotionClass emotionClass) {}

  public static List<LabelledImage> load(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("labelled image directory " + root + " does not exist");
    }
    List<LabelledImage> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        ImageEmotion emotion = null;
        EmotionClass cls;
        if (name.equalsIgnoreCase("neutral")) {
          cls = EmotionClass.NEUTRAL;
        } else {
          try {
            emotion = ImageEmotion.parseFolder(name);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("folder " + dir + ": '" + name
                + "' is not an image emotion (amusement, awe, contentment, excitement, anger, disgust, "
                + "fear, sadness/sad, or neutral)", e);
          }
          cls = emotion.emotionClass();
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(Files::isRegularFile).filter(ImageEmotionFolders::isImage).sorted().toList()) {
            out.add(new LabelledImage(f, emotion, cls));
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no labelled images under " + root
          + " (expected folders named by emotion holding image files)");
    }
    return out;
  }

  private static boolean isImage(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
