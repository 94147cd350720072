package dev.acpstream.web;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.EmotionDistribution;
import dev.acpstream.schemas.avro.ScoredItem;
import dev.acpstream.schemas.avro.TopKMatches;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON the API answers with: plain records built from the Avro records, the monitor's item
 * catalogue and the media store, so the page gets each side's emotion and the URLs to show the
 * image or play the segment in one answer.
 */
public final class Views {

  private static final Pattern SEGMENT_KEY = Pattern.compile("^(.+):(\\d{1,9})$");

  /** A predicted distribution and its most likely class. */
  public record Emotion(String scheme, String top, double topProbability, List<String> classNames,
      List<Float> probabilities) {}

  /** Where a music segment lies in its track, and where to play it when this server has the song. */
  public record Segment(String trackId, int index, Double startSeconds, Double durationSeconds, String audioUrl) {}

  /** One ranked candidate. */
  public record Match(int rank, String itemId, String kind, double score, Emotion emotion, Segment segment,
      String imageUrl) {}

  /** A query item's top-K list. */
  public record Matches(String queryItemId, String queryKind, Emotion queryEmotion, String modelVersion,
      String computedAt, List<Match> matches) {}

  /** One pair score. */
  public record Score(String pairingKey, String imageId, String musicId, Integer musicSegmentIndex,
      double probability, Emotion imageEmotion, Emotion musicEmotion, String modelVersion,
      Double challengerProbability, String challengerVersion, long latencyMs, String scoredAt,
      String imageUrl, Segment segment) {}

  private final PipelineMonitor monitor;
  private final MediaStore store;

  public Views(PipelineMonitor monitor, MediaStore store) {
    this.monitor = monitor;
    this.store = store;
  }

  public static Emotion emotion(EmotionDistribution d) {
    if (d == null || d.getProbabilities().isEmpty()) {
      return null;
    }
    int best = 0;
    List<Float> p = d.getProbabilities();
    for (int i = 1; i < p.size(); i++) {
      if (p.get(i) > p.get(best)) {
        best = i;
      }
    }
    List<String> names = d.getClassNames().stream().map(CharSequence::toString).toList();
    return new Emotion(d.getScheme(), best < names.size() ? names.get(best) : "#" + best, p.get(best), names,
        List.copyOf(p));
  }

  public Matches matches(TopKMatches m) {
    List<Match> out = new ArrayList<>();
    int rank = 1;
    for (ScoredItem s : m.getMatches()) {
      String id = s.getItemId();
      boolean music = s.getKind() == dev.acpstream.schemas.avro.ItemKind.MUSIC;
      out.add(new Match(rank++, id, s.getKind().name(), s.getScore(), itemEmotion(id),
          music ? segment(id, null).orElse(null) : null, music ? null : imageUrl(id)));
    }
    return new Matches(m.getQueryItemId(), m.getQueryKind().name(), itemEmotion(m.getQueryItemId()),
        m.getModelVersion(), m.getComputedAt().toString(), out);
  }

  public Score score(CorrespondenceScore s) {
    Integer idx = s.getMusicSegmentIndex();
    Segment seg = idx == null ? null : segmentOf(s.getMusicId(), idx);
    return new Score(s.getPairingKey(), s.getImageId(), s.getMusicId(), idx, s.getProbability(),
        emotion(s.getImageEmotion()), emotion(s.getMusicEmotion()), s.getModelVersion(),
        s.getChallenger() == null ? null : (double) s.getChallenger().getProbability(),
        s.getChallenger() == null ? null : s.getChallenger().getModelVersion(), s.getLatencyMs(),
        s.getScoredAt().toString(), imageUrl(s.getImageId()), seg);
  }

  /** The emotion the latest embedding of {@code itemId} carried, if the monitor saw one. */
  public Emotion itemEmotion(String itemId) {
    return monitor.item(itemId).map(i -> emotion(i.emotion())).orElse(null);
  }

  /**
   * A music item id ("trackId:segmentIndex", or a bare trackId with {@code index}) as a segment,
   * with its timing when the monitor saw its features and a player URL when this server keeps the song.
   */
  public Optional<Segment> segment(String musicItemId, Integer index) {
    if (index != null) {
      return Optional.of(segmentOf(musicItemId, index));
    }
    Optional<PipelineMonitor.ItemInfo> info = monitor.item(musicItemId);
    if (info.isPresent() && info.get().segmentIndex() != null) {
      Matcher m = SEGMENT_KEY.matcher(musicItemId);
      String track = m.matches() ? m.group(1) : musicItemId;
      return Optional.of(segmentOf(track, info.get().segmentIndex()));
    }
    Matcher m = SEGMENT_KEY.matcher(musicItemId);
    if (m.matches() && monitor.segment(m.group(1), Integer.parseInt(m.group(2))).isPresent()
        || m.matches() && store.audio(m.group(1)).isPresent()) {
      return Optional.of(segmentOf(m.group(1), Integer.parseInt(m.group(2))));
    }
    return Optional.of(new Segment(musicItemId, 0, null, null, audioUrl(musicItemId, 0)));
  }

  private Segment segmentOf(String trackId, int index) {
    Optional<PipelineMonitor.SegmentInfo> s = monitor.segment(trackId, index);
    return new Segment(trackId, index, s.map(PipelineMonitor.SegmentInfo::startSeconds).orElse(null),
        s.map(PipelineMonitor.SegmentInfo::durationSeconds).orElse(null), audioUrl(trackId, index));
  }

  private String audioUrl(String trackId, int index) {
    return store.audio(trackId).isPresent() ? "/api/audio/" + enc(trackId) + "/segments/" + index : null;
  }

  public String imageUrl(String mediaId) {
    return store.image(mediaId).isPresent() ? "/api/images/" + enc(mediaId) + "/content" : null;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String now() {
    return Instant.now().toString();
  }
}
