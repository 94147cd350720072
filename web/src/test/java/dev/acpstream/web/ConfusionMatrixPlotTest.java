package dev.acpstream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {

  private static final List<String> Q = List.of("Q1", "Q2", "Q3", "Q4");

  @Test
  void eachCellIsShadedByItsShareOfTheTrueClass(@TempDir Path tmp) throws Exception {
    long[][] m = {{8, 2, 0, 0}, {1, 9, 0, 0}, {0, 0, 5, 5}, {0, 0, 0, 10}};
    Path png = tmp.resolve("confusion.png");
    ConfusionMatrixPlot.write("music emotion, 4Q test split", Q, m, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(ConfusionMatrixPlot.LEFT + 4 * ConfusionMatrixPlot.CELL + 40, img.getWidth());
    // Sample each cell's corner (away from its text): darker where the row share is larger.
    int full = brightness(cell(img, 3, 3));
    int eighty = brightness(cell(img, 0, 0));
    int half = brightness(cell(img, 2, 3));
    int none = brightness(cell(img, 0, 3));
    assertTrue(full < eighty && eighty < half && half < none, full + " < " + eighty + " < " + half + " < " + none);
    assertEquals(ConfusionMatrixPlot.shade(0.5).getRGB(), cell(img, 2, 2));
    assertEquals(0xFFFFFFFF, cell(img, 0, 3), "an empty cell is white");
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void refusesAMatrixThatDoesNotFitItsClasses() {
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render("t", Q, new long[3][4]));
    assertTrue(rows.getMessage().contains("4 classes, 3 rows"), rows.getMessage());
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render("t", List.of("a", "b"), new long[][] {{1, 2}, {3}}));
    assertTrue(cols.getMessage().contains("row b has 1 columns"), cols.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render("t", List.of("a"), new long[][] {{-1}}));
  }

  private static int cell(BufferedImage img, int row, int col) {
    return img.getRGB(ConfusionMatrixPlot.LEFT + col * ConfusionMatrixPlot.CELL + 3,
        ConfusionMatrixPlot.TOP + row * ConfusionMatrixPlot.CELL + 3);
  }

  private static int brightness(int rgb) {
    return ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
  }
}
