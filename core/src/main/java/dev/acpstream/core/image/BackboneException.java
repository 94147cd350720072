package dev.acpstream.core.image;

/** A backbone could not be loaded or could not compute features; the message names the model and the input. */
public final class BackboneException extends RuntimeException {

  public BackboneException(String message) {
    super(message);
  }

  public BackboneException(String message, Throwable cause) {
    super(message, cause);
  }
}
