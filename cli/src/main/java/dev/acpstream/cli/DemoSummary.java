package dev.acpstream.cli;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.image.AffectDescriptor;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The demo's readable summary: per image the affect descriptor's headline values, per song each
 * segment with a few headline values of its 193-d vector.
 */
final class DemoSummary {

  private static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

  private static final int PAD = AffectDescriptor.offset("pleasure_arousal_dominance");
  private static final int COLOURFULNESS = AffectDescriptor.offset("colourfulness");
  private static final int WARM = AffectDescriptor.offset("warm_fraction");

  private DemoSummary() {}

  static void images(PrintWriter out, List<ImageIngest.Image> sent, Map<String, ImageFeatures> got) {
    if (sent.isEmpty()) {
      return;
    }
    out.printf("%nImages -> features.image (Valdez-Mehrabian pleasure/arousal/dominance from the affect descriptor)%n");
    out.printf("  %-28s %-9s %5s %8s %8s %9s %8s %6s%n",
        "image", "backbone", "dim", "pleasure", "arousal", "dominance", "colourf.", "warm");
    for (ImageIngest.Image image : sent) {
      ImageFeatures f = got.get(image.mediaId());
      String name = image.file().getFileName().toString();
      if (f == null) {
        out.printf("  %-28s (missing)%n", name);
      } else if (f.getBackbone().equals("affect") && f.getDim() == AffectDescriptor.DIM) {
        List<Float> v = f.getFeatures();
        out.printf("  %-28s %-9s %5d %8.3f %8.3f %9.3f %8.3f %6.2f%n", name, f.getBackbone(), f.getDim(),
            v.get(PAD), v.get(PAD + 1), v.get(PAD + 2), v.get(COLOURFULNESS), v.get(WARM));
      } else {
        out.printf("  %-28s %-9s %5d%n", name, f.getBackbone(), f.getDim());
      }
    }
  }

  static void tracks(PrintWriter out, List<AudioIngest.Track> sent, Map<String, Map<Integer, MusicSegmentFeatures>> got) {
    if (sent.isEmpty()) {
      return;
    }
    out.printf("%nSongs -> features.music-segment (193-d: mfcc 40, chroma 12, mel 128, contrast 7, tonnetz 6)%n");
    out.printf("  %-34s %3s %7s %7s %7s %7s %7s %8s %5s %7s%n",
        "track", "seg", "start s", "dur s", "windows", "partial", "finite", "mfcc0", "key", "mel dB");
    for (AudioIngest.Track track : sent) {
      Map<Integer, MusicSegmentFeatures> segments = got.getOrDefault(track.trackId(), Map.of());
      String name = track.file().getFileName().toString();
      for (var expected : track.expectedSegments()) {
        MusicSegmentFeatures s = segments.get(expected.index());
        if (s == null) {
          out.printf("  %-34s %3d (missing)%n", name, expected.index());
          continue;
        }
        List<Float> v = s.getFeatures();
        out.printf("  %-34s %3d %7.1f %7.1f %7d %7s %7s %8.1f %5s %7.1f%n", name, s.getSegmentIndex(),
            s.getStartSeconds(), s.getDurationSeconds(), s.getWindows(), s.getPartial() ? "yes" : "no",
            finite(v) + "/" + v.size(), v.get(MusicFeatures193.MFCC.from()), strongestPitchClass(v), melDb(v));
        name = "";
      }
    }
  }

  /** How many values are finite numbers (all 193 must be). */
  static int finite(List<Float> v) {
    return (int) v.stream().filter(x -> Float.isFinite(x)).count();
  }

  /** The chroma bin with the most energy: a rough "key centre" of the segment. */
  private static String strongestPitchClass(List<Float> v) {
    int best = 0;
    for (int i = 1; i < MusicFeatures193.CHROMA.size(); i++) {
      if (v.get(MusicFeatures193.CHROMA.from() + i) > v.get(MusicFeatures193.CHROMA.from() + best)) {
        best = i;
      }
    }
    return PITCH_CLASSES[best];
  }

  /** Mean mel-band power in dB: the segment's loudness. */
  private static double melDb(List<Float> v) {
    double sum = 0;
    for (int i = MusicFeatures193.MEL.from(); i < MusicFeatures193.MEL.to(); i++) {
      sum += v.get(i);
    }
    return 10 * Math.log10(Math.max(1e-10, sum / MusicFeatures193.MEL.size()));
  }
}
