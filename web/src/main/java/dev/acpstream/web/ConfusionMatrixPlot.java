package dev.acpstream.web;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A confusion matrix as a PNG, in Java2D (no plotting library, no fonts to fetch): rows are the
 * true classes, columns the predicted ones; each cell shows its count and its share of the row
 * (the class's recall on the diagonal), shaded by that share so a good model has a dark diagonal.
 */
public final class ConfusionMatrixPlot {

  static final int CELL = 90;
  static final int LEFT = 150;
  static final int TOP = 110;

  private ConfusionMatrixPlot() {}

  public static void write(String title, List<String> classes, long[][] counts, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ImageIO.write(render(title, classes, counts), "png", png.toFile());
  }

  /**
   * @param counts counts[true][predicted], square, one row per class
   * @throws IllegalArgumentException when the matrix is not square over {@code classes} or has a negative count
   */
  public static BufferedImage render(String title, List<String> classes, long[][] counts) {
    int n = classes.size();
    if (n == 0 || counts.length != n) {
      throw new IllegalArgumentException("a confusion matrix needs one row per class: " + n + " classes, "
          + counts.length + " rows");
    }
    long total = 0;
    long correct = 0;
    for (int i = 0; i < n; i++) {
      if (counts[i].length != n) {
        throw new IllegalArgumentException("row " + classes.get(i) + " has " + counts[i].length + " columns, not " + n);
      }
      for (int j = 0; j < n; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException("negative count at " + classes.get(i) + "/" + classes.get(j));
        }
        total += counts[i][j];
      }
      correct += counts[i][i];
    }
    int w = LEFT + n * CELL + 40;
    int h = TOP + n * CELL + 60;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, 20, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(String.format(Locale.ROOT, "accuracy %.3f (%d of %d)", total == 0 ? 0.0 : (double) correct / total,
        correct, total), 20, 48);
    g.drawString("predicted →", LEFT, TOP - 35);
    g.drawString("true ↓", 20, TOP - 10);
    for (int j = 0; j < n; j++) {
      centred(g, classes.get(j), LEFT + j * CELL + CELL / 2, TOP - 12);
    }
    for (int i = 0; i < n; i++) {
      long rowTotal = 0;
      for (int j = 0; j < n; j++) {
        rowTotal += counts[i][j];
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(classes.get(i), 20, TOP + i * CELL + CELL / 2 + 4);
      for (int j = 0; j < n; j++) {
        double share = rowTotal == 0 ? 0 : (double) counts[i][j] / rowTotal;
        g.setColor(shade(share));
        g.fillRect(LEFT + j * CELL, TOP + i * CELL, CELL, CELL);
        g.setColor(share > 0.5 ? Color.WHITE : Color.DARK_GRAY);
        centred(g, Long.toString(counts[i][j]), LEFT + j * CELL + CELL / 2, TOP + i * CELL + CELL / 2 - 2);
        centred(g, String.format(Locale.ROOT, "%.0f%%", share * 100), LEFT + j * CELL + CELL / 2,
            TOP + i * CELL + CELL / 2 + 16);
      }
    }
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, TOP, n * CELL, n * CELL);
    g.dispose();
    return img;
  }

  /** White at 0, deep blue at 1. */
  static Color shade(double share) {
    double s = Math.max(0, Math.min(1, share));
    return new Color((int) Math.round(255 - s * (255 - 30)), (int) Math.round(255 - s * (255 - 70)),
        (int) Math.round(255 - s * (255 - 160)));
  }

  private static void centred(Graphics2D g, String text, int x, int y) {
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, y);
  }
}
