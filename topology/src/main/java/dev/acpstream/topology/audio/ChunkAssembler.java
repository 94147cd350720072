package dev.acpstream.topology.audio;

import dev.acpstream.schemas.Keys;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.errors.DeadLetterRouter;
import dev.acpstream.topology.errors.Rejection;
import dev.acpstream.topology.errors.Rejection.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per track: puts chunks back in seq order inside a bounded buffer, drops duplicates, turns lost
 * chunks into gaps (short ones filled with silence, long ones cutting the segment), ends the track
 * on its end-of-stream chunk or after an idle timeout, and feeds the PCM through the
 * {@link SegmentAggregator}, forwarding each finished segment as {@link MusicSegmentFeatures}.
 *
 * <p>All progress is in changelogged stores, written once per record, so a restarted or migrated
 * task continues exactly where the last committed transaction left it: the track's small
 * {@link TrackState} record, the blocks of samples and window vectors it refers to (a chunk adds
 * one block of what it brought and the blocks a finished window no longer needs are deleted, so a
 * chunk's cost does not grow with the pending window; see {@link FrameTail}), and the raw chunks
 * waiting in the reorder buffer. Nothing is cached between records.
 *
 * <p>A chunk is given up as lost when the buffer is full (count or bytes) and it is still missing,
 * when it was rejected, or when the track goes idle; a lost chunk is assumed to be as long as the
 * last chunk applied (or the first one waiting). A chunk that arrives after its seq was given up
 * goes to the dead-letter topic; one whose seq was already applied is a duplicate and is dropped.
 *
 * <p>Nothing leaves silently: a dropped duplicate is dead-lettered ({@code DUPLICATE_CHUNK}, with
 * its payload), and each gap of chunks that never came (or that were dropped from the buffer) is
 * reported on the dead-letter topic ({@code GAP_FILLED} or {@code GAP_CUT_SEGMENT}, keyed by the
 * track, no payload) with the seqs lost, why, and the seconds of silence filled or missing. A
 * rejected chunk's gap is accounted for by its own dead letter.
 */
public final class ChunkAssembler implements Processor<String, AudioChunk, String, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkAssembler.class);

  /** Settings of the assembler, from {@code TopologyConfig}. */
  public record Settings(
      Duration shortGapMax,
      int bufferMaxChunks,
      long bufferMaxBytes,
      Duration idleTimeout,
      Duration idleCheckInterval,
      Duration closedTrackRetention) {}

  private final Settings settings;
  private final PcmChunkDecoder decoder;
  private final SegmentAggregator aggregator;
  private final RateConverter converter = new RateConverter();
  private final DeadLetterRouter<AudioChunk> deadLetters;
  private final String stateStoreName;
  private final String bufferStoreName;
  private final String activityStoreName;
  private final String blockStoreName;
  private final String segmentSink;

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TrackState> states;
  private KeyValueStore<String, AudioChunk> buffer;
  private KeyValueStore<String, TrackActivity> activity;
  private KeyValueStore<Bytes, byte[]> blocks;

  public ChunkAssembler(
      Settings settings, PcmChunkDecoder decoder, SegmentAggregator aggregator,
      DeadLetterRouter<AudioChunk> deadLetters, String stateStoreName, String bufferStoreName,
      String activityStoreName, String blockStoreName, String segmentSink) {
    this.settings = settings;
    this.decoder = decoder;
    this.aggregator = aggregator;
    this.deadLetters = deadLetters;
    this.stateStoreName = stateStoreName;
    this.bufferStoreName = bufferStoreName;
    this.activityStoreName = activityStoreName;
    this.blockStoreName = blockStoreName;
    this.segmentSink = segmentSink;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.states = context.getStateStore(stateStoreName);
    this.buffer = context.getStateStore(bufferStoreName);
    this.activity = context.getStateStore(activityStoreName);
    this.blocks = context.getStateStore(blockStoreName);
    context.schedule(settings.idleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, AudioChunk> record) {
    AudioChunk chunk = record.value();
    try {
      if (chunk == null) {
        throw new Rejection(Reason.NULL_VALUE, "audio chunk record with key '" + record.key() + "' has no value");
      }
      if (!chunk.getTrackId().equals(record.key())) {
        throw new Rejection(Reason.KEY_MISMATCH, PcmChunkDecoder.describe(chunk)
            + ": record key '" + record.key() + "' is not the trackId (chunks of a track must share one key)");
      }
      accept(chunk, record.timestamp(), record);
    } catch (Rejection r) {
      deadLetters.route(context, record, r.reason().name(), r);
    }
  }

  private void accept(AudioChunk chunk, long timestamp, Record<String, AudioChunk> record) throws Rejection {
    String trackId = chunk.getTrackId();
    long now = context.currentSystemTimeMs();
    TrackState s = load(trackId);
    if (s == null) {
      s = new TrackState();
      s.attach(blocks, trackId);
    }
    String who = PcmChunkDecoder.describe(chunk);
    long seq = chunk.getSeq();
    if (seq < 0) {
      throw new Rejection(Reason.INVALID_SEQ, who + ": seq must be >= 0");
    }
    if (seq < s.nextSeq || s.buffered.containsKey(seq) || s.lost.contains(seq)) {
      if (s.inGap(seq)) {
        throw new Rejection(Reason.OUT_OF_ORDER_BEYOND_BUFFER, who + ": arrived after seq " + seq
            + " was given up as a gap (the reorder buffer holds " + settings.bufferMaxChunks() + " chunks)");
      }
      String first = s.buffered.containsKey(seq) ? "is waiting in the reorder buffer"
          : s.lost.contains(seq) ? "was rejected"
          : s.closed() ? "is before the end of the closed track (applied, or given up)"
          : "was already applied";
      throw new Rejection(Reason.DUPLICATE_CHUNK, who + ": duplicate, dropped: seq " + seq + " " + first);
    }
    if (s.closed()) {
      throw new Rejection(Reason.TRACK_CLOSED, who + ": the track already ended or timed out");
    }
    if (s.endSeq >= 0 && seq > s.endSeq) {
      throw new Rejection(Reason.TRACK_CLOSED, who + ": comes after the end-of-stream chunk " + s.endSeq);
    }
    s.lastActivityMs = now;
    if (chunk.getEndOfStream()) {
      s.endSeq = seq;
    }
    if (s.pairingKey == null) {
      s.pairingKey = chunk.getPairingKey();
    }
    List<ClosedSegment> closed = new ArrayList<>();
    Rejection rejected = null;
    float[] samples = null;
    try {
      samples = decode(s, chunk);
    } catch (Rejection r) {
      rejected = r;
      s.lost.add(seq);
      while (s.lost.size() > settings.bufferMaxChunks()) {
        giveUpOldestMissing(s, closed, "more rejected chunks waiting than the reorder buffer holds");
      }
    }
    if (rejected == null) {
      int bytes = chunk.getData().remaining();
      while (seq != s.nextSeq && !s.buffered.isEmpty() && !fits(s, bytes)) {
        giveUpOldestMissing(s, closed, "the reorder buffer is full");
      }
      if (seq != s.nextSeq && !fits(s, bytes)) {
        // even an empty buffer cannot hold it: the chunks before it are lost
        gap(s, seq, closed, "seq " + seq + " does not fit the empty reorder buffer");
      }
      if (seq == s.nextSeq) {
        apply(s, chunk, samples, closed);
      } else {
        s.buffered.put(seq, bytes);
        buffer.put(bufferKey(trackId, seq), chunk);
      }
    }
    drain(s, closed);
    save(trackId, s);
    emit(trackId, s, closed, timestamp);
    if (rejected != null) {
      throw rejected;
    }
  }

  private boolean fits(TrackState s, int bytes) {
    return s.buffered.size() < settings.bufferMaxChunks()
        && s.bufferedBytes() + bytes <= settings.bufferMaxBytes();
  }

  /** The oldest missing chunk is not coming in time: give up the seqs before the first one held. */
  private void giveUpOldestMissing(TrackState s, List<ClosedSegment> closed, String why) {
    long firstHeld = Math.min(
        s.buffered.isEmpty() ? Long.MAX_VALUE : s.buffered.firstKey(),
        s.lost.isEmpty() ? Long.MAX_VALUE : s.lost.first());
    if (firstHeld == s.nextSeq && s.lost.contains(firstHeld)) {
      firstHeld++;
    }
    gap(s, firstHeld, closed, why);
    drain(s, closed);
  }

  private float[] decode(TrackState s, AudioChunk chunk) throws Rejection {
    float[] samples = decoder.decode(chunk);
    if (s.inputRate != 0 && chunk.getSampleRate() != s.inputRate) {
      throw new Rejection(Reason.UNSUPPORTED_SAMPLE_RATE, PcmChunkDecoder.describe(chunk) + ": "
          + chunk.getSampleRate() + " Hz, but the track started at " + s.inputRate + " Hz");
    }
    if (s.channels != 0 && chunk.getChannels() != s.channels) {
      throw new Rejection(Reason.INVALID_CHANNELS, PcmChunkDecoder.describe(chunk) + ": "
          + chunk.getChannels() + " channels, but the track started with " + s.channels);
    }
    return samples;
  }

  private void apply(TrackState s, AudioChunk chunk, float[] samples, List<ClosedSegment> closed) {
    s.channels = chunk.getChannels();
    s.inputRate = chunk.getSampleRate();
    if (samples.length > 0) {
      s.lastChunkSamples = samples.length;
    }
    if (chunk.getProducedAt() != null) {
      s.lastProducedAtMs = chunk.getProducedAt().toEpochMilli();
    }
    float[] converted = converter.convert(s, samples);
    closed.addAll(aggregator.accept(s.progress, converted, 0, converted.length));
    s.nextSeq = chunk.getSeq() + 1;
  }

  /** Applies whatever now continues the stream: buffered chunks, rejected ones (as gaps), the end. */
  private void drain(TrackState s, List<ClosedSegment> closed) {
    while (true) {
      if (s.endSeq >= 0 && s.nextSeq > s.endSeq) {
        end(s, closed);
        return;
      }
      Long next = s.nextSeq;
      if (s.buffered.containsKey(next)) {
        s.buffered.remove(next);
        String key = bufferKey(s.trackId, next);
        AudioChunk chunk = buffer.delete(key);
        try {
          apply(s, chunk, decode(s, chunk), closed);
        } catch (Rejection r) {
          // Valid on arrival, but its format differs from the chunk that turned out to precede it
          // (the track's format is fixed by its first applied chunk). Its own record was already
          // acknowledged, so it cannot be dead-lettered now: it becomes a gap.
          LOG.warn("dropping buffered chunk as a gap: {}", r.getMessage());
          gap(s, next + 1, closed, "its format differs from the chunk before it: " + r.getMessage());
        }
      } else if (s.lost.contains(next)) {
        long to = next;
        while (s.lost.contains(to)) {
          to++;
        }
        gap(s, to, closed, null); // each was dead-lettered with its reason already
      } else {
        return;
      }
    }
  }

  /**
   * Gives up seqs [nextSeq, to) as lost: silence when short, a segment cut when long; either is
   * reported on the dead-letter topic, saying {@code why}, unless {@code why} is null (the seqs
   * were rejected chunks, each already dead-lettered).
   */
  private void gap(TrackState s, long to, List<ClosedSegment> closed, String why) {
    long missing = to - s.nextSeq;
    if (missing <= 0) {
      return;
    }
    AudioChunk first = s.lastChunkSamples > 0 && s.inputRate > 0 ? null : firstBuffered(s);
    long perChunk = first == null ? s.lastChunkSamples : PcmChunkDecoder.frames(first);
    int rate = s.inputRate > 0 ? s.inputRate : first == null ? WindowProgress.SAMPLE_RATE : first.getSampleRate();
    long gapFrames = missing * perChunk; // at the track's input rate
    boolean fill = gapFrames * 1000 <= settings.shortGapMax().toMillis() * rate;
    if (why != null) {
      reportGap(s, to, why, fill, (double) gapFrames / rate);
    }
    if (fill) {
      // Silence goes through the converter like audio, so a resampled track stays continuous.
      s.inputRate = rate;
      float[] zeros = new float[(int) Math.min(gapFrames, Integer.MAX_VALUE - 8)];
      float[] converted = converter.convert(s, zeros);
      closed.addAll(aggregator.accept(s.progress, converted, 0, converted.length));
    } else {
      float[] pending = converter.flush(s);
      closed.addAll(aggregator.accept(s.progress, pending, 0, pending.length));
      long gapSamples = gapFrames * WindowProgress.SAMPLE_RATE / rate;
      aggregator.cutByGap(s.progress, gapSamples).ifPresent(closed::add);
    }
    s.rememberGap(s.nextSeq, to);
    s.lost.subSet(s.nextSeq, to).clear();
    s.nextSeq = to;
  }

  private void reportGap(TrackState s, long to, String why, boolean filled, double seconds) {
    long last = to - 1;
    String seqs = last == s.nextSeq ? "seq " + last : "seqs " + s.nextSeq + ".." + last;
    String what = filled
        ? String.format(Locale.ROOT, "filled with %.3f s of silence", seconds)
        : String.format(Locale.ROOT, "cut the segment: %.3f s missing, the next segment starts after them", seconds);
    Rejection gap = new Rejection(filled ? Reason.GAP_FILLED : Reason.GAP_CUT_SEGMENT,
        "track '" + s.trackId + "': " + seqs + " lost (" + why + "): " + what);
    LOG.debug("{}", gap.getMessage());
    deadLetters.report(context, Topics.MEDIA_AUDIO_CHUNKS.name(), s.trackId, gap, context.currentStreamTimeMs());
  }

  private AudioChunk firstBuffered(TrackState s) {
    return s.buffered.isEmpty() ? null : buffer.get(bufferKey(s.trackId, s.buffered.firstKey()));
  }

  /**
   * Ends the track: on an idle timeout what still waits is applied (the missing chunks between
   * as gaps); the last segment goes out; a small closed marker stays until its retention ends.
   */
  private void end(TrackState s, List<ClosedSegment> closed) {
    long last = s.endSeq < 0 ? Long.MAX_VALUE : s.endSeq;
    while (!s.closed() && !s.buffered.isEmpty() && s.buffered.firstKey() <= last) {
      // Only an idle track has missing chunks before its end; this may reach the end-of-stream
      // chunk and end the track itself.
      giveUpOldestMissing(s, closed, "the track went idle");
    }
    if (s.closed()) {
      return;
    }
    // After an end-of-stream chunk nothing can be waiting but chunks past the end: drop them.
    for (Long seq : s.buffered.keySet()) {
      buffer.delete(bufferKey(s.trackId, seq));
      deadLetters.report(context, Topics.MEDIA_AUDIO_CHUNKS.name(), s.trackId, new Rejection(Reason.TRACK_CLOSED,
          "track '" + s.trackId + "' chunk " + seq + ": was waiting past the end-of-stream chunk " + s.endSeq
              + ", dropped"), context.currentStreamTimeMs());
    }
    s.buffered.clear();
    float[] pending = converter.flush(s);
    closed.addAll(aggregator.accept(s.progress, pending, 0, pending.length));
    aggregator.endOfStream(s.progress).ifPresent(closed::add);
    s.lost.clear();
    s.gaps.clear();
    s.closedAtMs = context.currentSystemTimeMs();
  }

  private TrackState load(String trackId) {
    TrackState s = states.get(trackId);
    if (s != null) {
      s.attach(blocks, trackId);
    }
    return s;
  }

  private void save(String trackId, TrackState s) {
    s.flushBlocks();
    states.put(trackId, s);
    activity.put(trackId, TrackActivity.of(s));
  }

  /** Wall-clock sweep over the small activity store: closes idle tracks, forgets expired ones. */
  private void sweep(long now) {
    List<String> idle = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, TrackActivity> it = activity.all()) {
      while (it.hasNext()) {
        KeyValue<String, TrackActivity> e = it.next();
        TrackActivity a = e.value;
        if (a.closed()) {
          if (now - a.closedAtMs() >= settings.closedTrackRetention().toMillis()) {
            expired.add(e.key);
          }
        } else if (now - a.lastActivityMs() >= settings.idleTimeout().toMillis()) {
          idle.add(e.key);
        }
      }
    }
    for (String trackId : expired) {
      TrackState s = load(trackId);
      if (s != null) {
        s.deleteBlocks();
      }
      states.delete(trackId);
      activity.delete(trackId);
    }
    for (String trackId : idle) {
      TrackState s = load(trackId);
      if (s == null) {
        activity.delete(trackId);
        continue;
      }
      List<ClosedSegment> closed = new ArrayList<>();
      end(s, closed);
      save(trackId, s);
      emit(trackId, s, closed, now);
    }
  }

  private void emit(String trackId, TrackState s, List<ClosedSegment> closed, long timestamp) {
    for (ClosedSegment c : closed) {
      List<Float> features = new ArrayList<>(c.features().length);
      for (float v : c.features()) {
        features.add(v);
      }
      MusicSegmentFeatures value = MusicSegmentFeatures.newBuilder()
          .setTrackId(trackId)
          .setPairingKey(s.pairingKey)
          .setSegmentIndex(c.index())
          .setStartSeconds(c.startSeconds())
          .setDurationSeconds(c.durationSeconds())
          .setWindows(c.windows())
          .setPartial(c.partial())
          .setFeatures(features)
          .setSourceTimestamp(s.lastProducedAtMs < 0 ? null : Instant.ofEpochMilli(s.lastProducedAtMs))
          .setExtractedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
          .build();
      context.forward(new Record<String, Object>(Keys.segment(trackId, c.index()), value, timestamp), segmentSink);
    }
  }

  static String bufferKey(String trackId, long seq) {
    return trackId + "#" + seq;
  }

}
