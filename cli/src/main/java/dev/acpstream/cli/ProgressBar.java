package dev.acpstream.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for the ingest and label commands: redrawn in place on a terminal, and
 * on a pipe or in a log printed as a line every tenth of the way, so neither floods.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private final String unit;
  private long lastDraw;
  private int lastTenth = -1;
  private String label = "";

  /**
   * @param unit what is counted, e.g. "files" or "s"
   */
  ProgressBar(PrintWriter out, boolean terminal, String unit) {
    this.out = out;
    this.terminal = terminal;
    this.unit = unit;
  }

  /** True when standard output is a terminal (so the bar can be redrawn in place). */
  static boolean stdoutIsTerminal() {
    return System.console() != null;
  }

  void label(String text) {
    this.label = text;
  }

  void update(double done, double total) {
    double f = total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
    long now = System.nanoTime();
    int tenth = (int) Math.floor(f * 10);
    if (terminal) {
      if (now - lastDraw < REDRAW_NANOS && f < 1) {
        return;
      }
      lastDraw = now;
      out.print("\r" + line(done, total, f));
    } else {
      if (tenth == lastTenth) {
        return;
      }
      lastTenth = tenth;
      out.println(line(done, total, f));
    }
    out.flush();
  }

  /** Ends the bar's line on a terminal. */
  void finish() {
    if (terminal) {
      out.println();
      out.flush();
    }
    lastTenth = -1;
  }

  private String line(double done, double total, double f) {
    int filled = (int) Math.round(f * WIDTH);
    String amounts = "s".equals(unit)
        ? String.format(Locale.ROOT, "%.1f/%.1f s", done, total)
        : String.format(Locale.ROOT, "%d/%d %s", Math.round(done), Math.round(total), unit);
    return String.format(Locale.ROOT, "  [%s%s] %3.0f%% %s %s", "#".repeat(filled), "-".repeat(WIDTH - filled),
        f * 100, amounts, label);
  }
}
