package dev.acpstream.web;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.query.MatchQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the topology knows, read through its interactive queries: top-K matches of an item, the
 * latest scores of a pairing key, the live view of a pairing key, and the catalogue the page
 * offers to pick from.
 */
final class QueryRoutes {

  /** The live view: the segment now playing, its emotion, and the images that match it best. */
  record Live(String pairingKey, Views.Score current, Views.Segment segment, Views.Emotion musicEmotion,
      List<Views.Score> visuals, int scores, Map<String, Object> stream, String updatedAt) {}

  private final MatchQueries queries;
  private final PipelineMonitor monitor;
  private final Views views;
  private final AudioStreams streams;

  QueryRoutes(MatchQueries queries, PipelineMonitor monitor, Views views, AudioStreams streams) {
    this.queries = queries;
    this.monitor = monitor;
    this.views = views;
    this.streams = streams;
  }

  void register(Javalin app) {
    app.get("/api/matches/{itemId}", this::matches);
    app.get("/api/scores/{pairingKey}", this::scores);
    app.get("/api/live/{pairingKey}", this::live);
    app.get("/api/tracks", this::tracks);
    app.get("/api/models", ctx -> ctx.json(queries().models()));
  }

  private MatchQueries queries() {
    if (queries == null) {
      throw ApiException.unavailable("no topology runs in this process, so there is nothing to query "
          + "(start the server with 'bin/acp serve')");
    }
    return queries;
  }

  private void matches(Context ctx) {
    String id = ctx.pathParam("itemId");
    Optional<TopKMatches> m = queries().topK(id);
    if (m.isEmpty()) {
      throw ApiException.notFound(id, "no matches for '" + id + "' yet (the item is unknown, still being "
          + "processed, or no model is loaded)");
    }
    ctx.json(views.matches(m.get()));
  }

  private void scores(Context ctx) {
    String key = ctx.pathParam("pairingKey");
    ctx.json(queries().latestScores(key).stream().map(views::score).toList());
  }

  private void live(Context ctx) {
    String key = ctx.pathParam("pairingKey");
    List<CorrespondenceScore> scores = queries().latestScores(key);
    Map<String, Object> stream = null;
    for (AudioStreams.Status s : streams.all()) {
      if (key.equals(s.pairingKey())) {
        stream = new LinkedHashMap<>();
        stream.put("trackId", s.trackId());
        stream.put("state", s.state());
        stream.put("secondsSent", s.secondsSent());
        stream.put("secondsTotal", s.secondsTotal());
      }
    }
    if (scores.isEmpty()) {
      ctx.json(new Live(key, null, null, null, List.of(), 0, stream, Views.now()));
      return;
    }
    // Newest first: the first score's segment is the one now playing (the newest that was scored).
    CorrespondenceScore now = scores.get(0);
    List<Views.Score> visuals = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    scores.stream()
        .filter(s -> s.getMusicId().equals(now.getMusicId())
            && java.util.Objects.equals(s.getMusicSegmentIndex(), now.getMusicSegmentIndex()))
        .sorted(Comparator.comparingDouble(CorrespondenceScore::getProbability).reversed())
        .filter(s -> seen.add(s.getImageId()))
        .forEach(s -> visuals.add(views.score(s)));
    Views.Score current = views.score(now);
    ctx.json(new Live(key, current, current.segment(), current.musicEmotion(), visuals, scores.size(), stream,
        Views.now()));
  }

  private void tracks(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    monitor.tracks().forEach((trackId, segments) -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("trackId", trackId);
      t.put("segments", segments.stream().map(s -> views.segment(trackId, s.index()).orElseThrow()).toList());
      out.add(t);
    });
    ctx.json(out);
  }
}
