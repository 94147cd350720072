package dev.acpstream.core.image;

import java.io.IOException;

/** An input that is not a decodable image within the limits; the message starts with the input's name. */
public final class ImageDecodeException extends IOException {

  public ImageDecodeException(String source, String reason) {
    super(source + ": " + reason);
  }

  public ImageDecodeException(String source, String reason, Throwable cause) {
    super(source + ": " + reason, cause);
  }
}
