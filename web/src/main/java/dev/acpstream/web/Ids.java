package dev.acpstream.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The ids clients may give media, and the ones the API makes up when they give none. */
public final class Ids {

  public static final int MAX_LENGTH = 128;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@+\\-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /**
   * {@code id} when it is a usable id; throws naming {@code field} otherwise.
   *
   * @throws IllegalArgumentException when empty, too long or holding characters other than
   *     letters, digits and {@code . _ : @ + -}
   */
  public static String check(String field, String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    if (id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
    }
    if (!ALLOWED.matcher(id).matches()) {
      throw new IllegalArgumentException(field + " '" + id
          + "' may hold only letters, digits and . _ : @ + -");
    }
    return id;
  }

  /** A fresh id: {@code prefix} and 12 random hex digits, e.g. "image:3f9c0a1b2c4d". */
  public static String fresh(String prefix) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  /** An id made from a file name: {@code prefix} and the name with other characters as '_'. */
  public static String fromFileName(String prefix, String fileName) {
    String cleaned = fileName.replaceAll("[^A-Za-z0-9._\\-]", "_");
    String id = prefix + cleaned;
    return id.length() <= MAX_LENGTH ? id : id.substring(0, MAX_LENGTH);
  }
}
