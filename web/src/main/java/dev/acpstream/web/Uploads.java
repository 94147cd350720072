package dev.acpstream.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;

/** Reads the one file of a multipart upload, refusing what cannot be one before parsing it all. */
final class Uploads {

  /** Room for the multipart framing and the form fields around the file. */
  static final long FRAMING_BYTES = 64 * 1024;

  private Uploads() {}

  /**
   * The form field {@code field}'s file; 400 when the request is no multipart form or has no
   * such file, 413 when its declared length is over {@code maxBytes}.
   */
  static UploadedFile file(Context ctx, String field, long maxBytes, String what) {
    long declared = ctx.contentLength();
    if (declared > maxBytes + FRAMING_BYTES) {
      throw ApiException.tooLarge(field, "the request is " + declared + " bytes; " + what
          + " may have at most " + maxBytes);
    }
    if (!ctx.isMultipartFormData()) {
      throw ApiException.badRequest(field, "send " + what + " as multipart/form-data with a file field '"
          + field + "' (got Content-Type " + ctx.contentType() + ")");
    }
    UploadedFile file;
    try {
      file = ctx.uploadedFile(field);
    } catch (IllegalStateException e) {
      // Jetty's multipart parser refuses a part over its limit while reading the body.
      throw ApiException.tooLarge(field, "the upload is larger than " + what + " may be (" + maxBytes
          + " bytes): " + e.getMessage());
    }
    if (file == null) {
      throw ApiException.badRequest(field, "no file field '" + field + "' in the form");
    }
    return file;
  }

  /** The file's name as the client gave it, for errors; "upload" when it gave none. */
  static String name(UploadedFile file) {
    String n = file.filename();
    return n == null || n.isBlank() ? "upload" : n;
  }

  /** Reads at most {@code maxBytes + 1} bytes, so a too-large file is seen without reading it all. */
  static byte[] read(UploadedFile file, long maxBytes) throws IOException {
    try (InputStream in = file.content()) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
  }

  /** The first bytes of a file, for sniffing its type. */
  static byte[] head(UploadedFile file, int n) throws IOException {
    try (InputStream in = file.content()) {
      return in.readNBytes(n);
    }
  }
}
