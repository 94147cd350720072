package dev.acpstream.trainer;

import java.nio.ByteBuffer;

/** A label waiting for its item's features, with when it arrived (wall clock) and its record. */
record PendingLabel(long acceptedAtMillis, TrainerEvent event) {

  byte[] encode() {
    byte[] e = event.encode();
    return ByteBuffer.allocate(8 + e.length).putLong(acceptedAtMillis).put(e).array();
  }

  static PendingLabel decode(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    long at = buf.getLong();
    byte[] e = new byte[buf.remaining()];
    buf.get(e);
    return new PendingLabel(at, TrainerEvent.decode(e));
  }
}
