package dev.acpstream.core.audio;

/**
 * The paper's 193-d music feature: the layout of the vector and the windowing that produces it.
 *
 * <p>Per 10-s window each group is the mean over STFT frames; windows start every 5 s and lie
 * fully inside a 60-s segment (11 per full segment); the segment vector is the mean of its
 * windows. Layout: mfcc [0,40), chroma [40,52), mel [52,180), contrast [180,187), tonnetz
 * [187,193).
 */
public final class MusicFeatures193 {

  public static final int DIM = 193;
  public static final int SAMPLE_RATE = 22050;
  public static final int WINDOW_SECONDS = 10;
  public static final int HOP_SECONDS = 5;
  public static final int SEGMENT_SECONDS = 60;

  public static final Group MFCC = new Group("mfcc", 0, 40);
  public static final Group CHROMA = new Group("chroma", 40, 52);
  public static final Group MEL = new Group("mel", 52, 180);
  public static final Group CONTRAST = new Group("contrast", 180, 187);
  public static final Group TONNETZ = new Group("tonnetz", 187, 193);

  private MusicFeatures193() {}

  /** One feature group: its name and its half-open index range in the 193-d vector. */
  public record Group(String name, int from, int to) {
    public int size() {
      return to - from;
    }
  }
}
