package dev.acpstream.core.acpnet;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Draws the training curve (loss, train and validation accuracy per epoch) as a PNG, in Java2D. */
public final class TrainingCurvePlot {

  private static final int W = 800;
  private static final int H = 480;
  private static final int PAD = 60;

  private TrainingCurvePlot() {}

  public static void write(TrainingReport report, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ImageIO.write(render(report), "png", png.toFile());
  }

  static BufferedImage render(TrainingReport report) {
    List<EpochStats> e = report.epochs();
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    String title = "ACP-Net training: best epoch " + report.bestEpoch()
        + String.format(java.util.Locale.ROOT, ", validation accuracy %.3f", report.validationAccuracy())
        + (report.weaklyLabelledImages() ? "  (images weakly labelled)" : "");
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, PAD, PAD - 25);
    for (int k = 0; k <= 4; k++) {
      int y = H - PAD - k * (H - 2 * PAD) / 4;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(PAD + 1, y, W - PAD - 1, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(java.util.Locale.ROOT, "%.2f", k / 4.0), PAD - 35, y + 4);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(PAD, PAD, W - 2 * PAD, H - 2 * PAD);
    int n = e.size();
    for (int i = 0; i < n; i += Math.max(1, n / 10)) {
      int x = PAD + (n == 1 ? (W - 2 * PAD) / 2 : i * (W - 2 * PAD) / (n - 1));
      g.drawString(Integer.toString(e.get(i).epoch()), x - 4, H - PAD + 16);
    }
    g.drawString("epoch", W / 2 - 15, H - 15);
    double maxLoss = e.stream().mapToDouble(EpochStats::trainLoss).max().orElse(1);
    series(g, e, s -> s.trainLoss() / Math.max(maxLoss, 1e-9), new Color(200, 60, 60), "loss (scaled to max "
        + String.format(java.util.Locale.ROOT, "%.3f", maxLoss) + ")", 0);
    series(g, e, EpochStats::trainAccuracy, new Color(60, 90, 200), "train accuracy", 1);
    series(g, e, EpochStats::validationAccuracy, new Color(40, 150, 60), "validation accuracy", 2);
    g.dispose();
    return img;
  }

  private static void series(Graphics2D g, List<EpochStats> e, ToDoubleFunction<EpochStats> f,
      Color c, String label, int legendRow) {
    g.setColor(c);
    g.setStroke(new BasicStroke(2f));
    int n = e.size();
    int px = -1;
    int py = -1;
    for (int i = 0; i < n; i++) {
      int x = PAD + (n == 1 ? (W - 2 * PAD) / 2 : i * (W - 2 * PAD) / (n - 1));
      double v = Math.max(0, Math.min(1, f.applyAsDouble(e.get(i))));
      int y = H - PAD - (int) Math.round(v * (H - 2 * PAD));
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      g.fillOval(x - 2, y - 2, 5, 5);
      px = x;
      py = y;
    }
    g.drawString(label, W - PAD - 230, PAD + 18 + 16 * legendRow);
  }
}
