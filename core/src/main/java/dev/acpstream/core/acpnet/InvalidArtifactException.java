package dev.acpstream.core.acpnet;

/** The bytes given as an ACP-Net artifact are not one this build can load; the message says why. */
public final class InvalidArtifactException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidArtifactException(String message) {
    super(message);
  }

  public InvalidArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
