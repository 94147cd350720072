package dev.acpstream.web;

/**
 * A request the API refuses, with the HTTP status to answer and the input it is about (a file
 * name, a field), so the client's error names what to fix.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String input;

  public ApiException(int status, String input, String message) {
    super(message);
    this.status = status;
    this.input = input;
  }

  public int status() {
    return status;
  }

  /** The input the error is about; null when it concerns the request as a whole. */
  public String input() {
    return input;
  }

  static ApiException badRequest(String input, String message) {
    return new ApiException(400, input, message);
  }

  static ApiException notFound(String input, String message) {
    return new ApiException(404, input, message);
  }

  static ApiException tooLarge(String input, String message) {
    return new ApiException(413, input, message);
  }

  static ApiException unsupported(String input, String message) {
    return new ApiException(415, input, message);
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, null, message);
  }
}
