package dev.acpstream.cli;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.EmotionDistribution;
import dev.acpstream.schemas.avro.ScoredItem;
import dev.acpstream.schemas.avro.TopKMatches;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's "what matched what": per segment its best photos, per photo its best segments. */
final class MatchSummary {

  private static final int SHOWN = 3;

  private MatchSummary() {}

  static void print(PrintWriter out, MatchWatch.Matches m, List<AudioIngest.Track> tracks,
      List<ImageIngest.Image> images, String modelDescription) {
    out.printf("%nMatches (scores.correspondence, matches.topk), model %s%n", modelDescription);
    for (AudioIngest.Track t : tracks) {
      for (var seg : t.expectedSegments()) {
        String key = t.trackId() + ":" + seg.index();
        TopKMatches list = m.topK().get(key);
        String emotion = musicEmotion(m.scoresByPair(), key);
        out.printf(Locale.ROOT, "  %-40s %s%n", t.file().getFileName() + " seg " + seg.index() + " ["
            + emotion + "]", list == null ? "(no list)" : best(list.getMatches()));
      }
    }
    for (ImageIngest.Image i : images) {
      TopKMatches list = m.topK().get(i.mediaId());
      // An image's list is ranked when it arrives; photos sent before any music rank it through pairing.
      String ranked = list != null && !list.getMatches().isEmpty() ? best(list.getMatches())
          : bestPaired(m.scoresByPair(), i.mediaId()) + " (live pairing; the catalogue had no music yet)";
      out.printf(Locale.ROOT, "  %-40s %s%n", i.file().getFileName() + " [" + imageEmotion(m.scoresByPair(), i.mediaId()) + "]", ranked);
    }
  }

  private static String best(List<ScoredItem> items) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < Math.min(SHOWN, items.size()); k++) {
      ScoredItem s = items.get(k);
      b.append(k == 0 ? "-> " : ", ").append(shortName(s.getItemId())).append(String.format(Locale.ROOT, " %.2f", s.getScore()));
    }
    return items.isEmpty() ? "-> (empty catalogue)" : b.toString();
  }

  private static String bestPaired(Map<String, CorrespondenceScore> scores, String imageId) {
    List<ScoredItem> ranked = scores.values().stream().filter(s -> s.getImageId().equals(imageId))
        .sorted((a, b) -> Float.compare(b.getProbability(), a.getProbability()))
        .map(s -> ScoredItem.newBuilder().setItemId(s.getMusicId() + ":" + s.getMusicSegmentIndex())
            .setKind(dev.acpstream.schemas.avro.ItemKind.MUSIC).setScore(s.getProbability()).build())
        .toList();
    return best(ranked);
  }

  private static String imageEmotion(Map<String, CorrespondenceScore> scores, String imageId) {
    return scores.values().stream().filter(s -> s.getImageId().equals(imageId)).findFirst()
        .map(s -> label(s.getImageEmotion())).orElse("?");
  }

  private static String musicEmotion(Map<String, CorrespondenceScore> scores, String segmentKey) {
    return scores.values().stream()
        .filter(s -> (s.getMusicId() + ":" + s.getMusicSegmentIndex()).equals(segmentKey))
        .findFirst().map(s -> label(s.getMusicEmotion())).orElse("?");
  }

  static String label(EmotionDistribution d) {
    List<Float> p = d.getProbabilities();
    if (p.isEmpty()) {
      return "no emotion head";
    }
    int best = 0;
    for (int i = 1; i < p.size(); i++) {
      if (p.get(i) > p.get(best)) {
        best = i;
      }
    }
    return String.format(Locale.ROOT, "%s %.2f", d.getClassNames().get(best), p.get(best));
  }

  private static String shortName(String id) {
    return id.replaceFirst("^(image|track):", "");
  }
}
