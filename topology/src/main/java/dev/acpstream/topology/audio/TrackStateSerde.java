package dev.acpstream.topology.audio;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link TrackState} for the store and its changelog. Internal to this
 * application (never a public topic), so a compact versioned layout rather than Avro.
 *
 * <p>Version 2 holds counters only (a few hundred bytes): the samples and window vectors are in
 * the sample-block store ({@link FrameTail}, {@link SampleBlocks}), stored bit-exact, which is what
 * lets a restored track produce the same vectors. Version 1 (samples inline, up to ~0.9 MB) is not
 * read: state written by a version-1 build must be reset (see docs/topology.md).
 */
public final class TrackStateSerde implements Serde<TrackState> {

  private static final byte VERSION = 2;
  private static final int TAIL_BYTES = 8 + 4 + 8 + 8;

  @Override
  public Serializer<TrackState> serializer() {
    return (topic, state) -> state == null ? null : write(state);
  }

  @Override
  public Deserializer<TrackState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  static byte[] write(TrackState s) {
    WindowProgress p = s.progress;
    FrameTail[] tails = {s.rateInput, p.tail, p.windows};
    for (FrameTail t : tails) {
      if (t.hasPending()) {
        throw new IllegalStateException("track '" + s.trackId + "': state serialized before its new frames were flushed");
      }
    }
    byte[] pairing = s.pairingKey == null ? null : s.pairingKey.getBytes(StandardCharsets.UTF_8);
    int size = 1 + 4 + (pairing == null ? 0 : pairing.length) + 8 + 8
        + 4 + 12 * s.buffered.size() + 4 + 8 * s.lost.size() + 4 + 16 * s.gaps.size()
        + 4 + 4 + 8 + 8 + 8
        + 4 + 8 + 4 + 4
        + 4 + 8 + 8
        + tails.length * TAIL_BYTES;
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION);
    if (pairing == null) {
      out.putInt(-1);
    } else {
      out.putInt(pairing.length).put(pairing);
    }
    out.putLong(s.nextSeq).putLong(s.endSeq);
    out.putInt(s.buffered.size());
    s.buffered.forEach((seq, n) -> out.putLong(seq).putInt(n));
    out.putInt(s.lost.size());
    s.lost.forEach(out::putLong);
    out.putInt(s.gaps.size());
    s.gaps.forEach(g -> out.putLong(g[0]).putLong(g[1]));
    out.putInt(s.channels).putInt(s.lastChunkSamples);
    out.putLong(s.lastActivityMs).putLong(s.lastProducedAtMs).putLong(s.closedAtMs);
    out.putInt(p.segmentIndex).putLong(p.segmentStart).putInt(p.filled).putInt(p.nextWindow);
    out.putInt(s.inputRate).putLong(s.convertedIn).putLong(s.convertedOut);
    for (FrameTail t : tails) {
      out.putLong(t.end()).putInt(t.length()).putLong(t.firstBlock()).putLong(t.firstBlockEnd());
    }
    return out.array();
  }

  static TrackState read(byte[] bytes) {
    TrackState s = new TrackState();
    WindowProgress p = s.progress;
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalStateException("track state version " + version + " is not " + VERSION
            + (version == 1 ? " (written by an older build: reset the application's state)" : ""));
      }
      int pairing = in.getInt();
      if (pairing >= 0) {
        byte[] b = new byte[pairing];
        in.get(b);
        s.pairingKey = new String(b, StandardCharsets.UTF_8);
      }
      s.nextSeq = in.getLong();
      s.endSeq = in.getLong();
      for (int i = in.getInt(); i > 0; i--) {
        s.buffered.put(in.getLong(), in.getInt());
      }
      for (int i = in.getInt(); i > 0; i--) {
        s.lost.add(in.getLong());
      }
      for (int i = in.getInt(); i > 0; i--) {
        s.gaps.addLast(new long[] {in.getLong(), in.getLong()});
      }
      s.channels = in.getInt();
      s.lastChunkSamples = in.getInt();
      s.lastActivityMs = in.getLong();
      s.lastProducedAtMs = in.getLong();
      s.closedAtMs = in.getLong();
      p.segmentIndex = in.getInt();
      p.segmentStart = in.getLong();
      p.filled = in.getInt();
      p.nextWindow = in.getInt();
      s.inputRate = in.getInt();
      s.convertedIn = in.getLong();
      s.convertedOut = in.getLong();
      for (FrameTail t : new FrameTail[] {s.rateInput, p.tail, p.windows}) {
        t.restore(in.getLong(), in.getInt(), in.getLong(), in.getLong());
      }
      if (p.tail.length() > WindowProgress.WINDOW) {
        throw new IllegalStateException("window tail of " + p.tail.length() + " samples is longer than a window");
      }
      if (in.hasRemaining()) {
        throw new IllegalStateException(in.remaining() + " trailing bytes");
      }
    } catch (BufferUnderflowException | IllegalStateException e) {
      throw new IllegalStateException("corrupt track state (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
    return s;
  }
}
