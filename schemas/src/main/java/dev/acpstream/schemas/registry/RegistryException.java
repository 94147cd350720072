package dev.acpstream.schemas.registry;

/**
 * A registry call that failed: an HTTP error answer ({@link #httpStatus()} and Confluent's
 * {@link #errorCode()}, e.g. 40401 subject not found, 40403 schema not found, 409 incompatible),
 * or no answer at all ({@code httpStatus() == 0}) after the configured retries.
 */
public final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Confluent error code: subject not found. */
  public static final int SUBJECT_NOT_FOUND = 40401;
  /** Confluent error code: version not found. */
  public static final int VERSION_NOT_FOUND = 40402;
  /** Confluent error code: schema not found (by id, or under a subject). */
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's {@code error_code}, or the HTTP status when the body carried none. */
  public int errorCode() {
    return errorCode;
  }

  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /** The registry refused a schema as incompatible with the subject's existing versions. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }

  /** No answer, or an answer worth retrying (timeouts, throttling, server errors). */
  public boolean isTransient() {
    return isTransientStatus(httpStatus);
  }

  static boolean isTransientStatus(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
