package dev.acpstream.trainer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed holdout: an item (an image, or a whole track with all its segments) is held out when
 * the SHA-256 of the salt and its unit key falls in the first {@code fraction} of the hash range.
 * The rule never moves an item between training and holdout, so champion and challenger are
 * compared on items neither trained on; a new salt draws a new holdout.
 */
public record Holdout(String salt, double fraction) {

  /** Whether the image {@code mediaId} is held out. */
  public boolean containsImage(String mediaId) {
    return contains(ItemKeys.IMAGE + mediaId);
  }

  /** Whether the track {@code trackId} (every segment of it) is held out. */
  public boolean containsTrack(String trackId) {
    return contains(ItemKeys.MUSIC + trackId);
  }

  boolean contains(String unit) {
    byte[] h = sha256(salt + "\n" + unit);
    long v = ByteBuffer.wrap(h, 0, 8).getLong() >>> 11; // 53 bits: exact in a double
    return v / (double) (1L << 53) < fraction;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
