package dev.acpstream.cli;

import dev.acpstream.core.acpnet.baseline.RawPixels;
import dev.acpstream.core.dataset.ImageEmotion;
import dev.acpstream.core.dataset.ImageEmotionFolders;
import dev.acpstream.core.dataset.ValdezMehrabianWeakLabels;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.core.image.DecodedImage;
import dev.acpstream.core.image.ImageDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The images of a correspondence evaluation in both representations the models read (the
 * {@code affect} descriptor, raw pixels) with a class each: from emotion folders when the
 * directory has sub-folders, else from the Valdez-Mehrabian rule over a flat folder of photos.
 */
final class CorrespondenceImages {

  static final String REAL = "real (image emotion folders, Table 1 regrouping)";

  record Loaded(List<String> ids, float[][] affect, float[][] pixels, int[] labels, boolean weak) {
    String labelKind() {
      return weak ? ValdezMehrabianWeakLabels.MARK : REAL;
    }
  }

  private CorrespondenceImages() {}

  static Loaded load(Path dir, PrintWriter err) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("image directory " + dir + " does not exist");
    }
    boolean foldered;
    List<Path> flat;
    List<String> otherFolders;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> entries = s.sorted().toList();
      // one folder named by an emotion makes it the labelled layout; then every folder must be one
      foldered = entries.stream().filter(Files::isDirectory).anyMatch(CorrespondenceImages::isEmotionFolder);
      otherFolders = entries.stream().filter(Files::isDirectory)
          .map(d -> d.getFileName().toString()).toList();
      flat = entries.stream().filter(Files::isRegularFile).filter(CorrespondenceImages::isImage).toList();
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    if (foldered) {
      for (ImageEmotionFolders.LabelledImage li : ImageEmotionFolders.load(dir)) {
        files.add(li.file());
        labels.add(li.emotionClass().ordinal());
      }
    } else if (flat.isEmpty()) {
      throw new IllegalArgumentException("image directory " + dir + " holds no images (expected folders named by "
          + "emotion, or image files " + ImageEmotionFolders.IMAGE_EXTENSIONS + ")"
          + (otherFolders.isEmpty() ? "" : "; its folders " + otherFolders + " are not image emotions"));
    } else {
      files.addAll(flat);
      if (!otherFolders.isEmpty()) {
        err.println("unlabelled images: only the files directly in " + dir + " are used, not its folders "
            + otherFolders);
      }
    }
    err.printf(Locale.ROOT, "decoding %d images under %s ...%n", files.size(), dir);
    err.flush();
    ImageDecoder decoder = new ImageDecoder();
    AffectBackbone affect = new AffectBackbone();
    List<String> ids = new ArrayList<>();
    float[][] a = new float[files.size()][];
    float[][] p = new float[files.size()][];
    for (int i = 0; i < files.size(); i++) {
      DecodedImage img = decoder.decode(files.get(i));
      ids.add(dir.relativize(files.get(i)).toString().replace('\\', '/'));
      a[i] = affect.features(img);
      p[i] = RawPixels.L3.features(img);
    }
    int[] y = foldered ? labels.stream().mapToInt(Integer::intValue).toArray()
        : ValdezMehrabianWeakLabels.classify(ids, a);
    return new Loaded(ids, a, p, y, !foldered);
  }

  private static boolean isEmotionFolder(Path d) {
    String name = d.getFileName().toString();
    if (name.equalsIgnoreCase("neutral")) {
      return true;
    }
    try {
      ImageEmotion.parseFolder(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isImage(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && ImageEmotionFolders.IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
