package dev.acpstream.topology.query;

/**
 * The queried pairing key is paired on another instance that could not be asked (or, without
 * {@code application.server}, cannot be named): ask that one.
 */
public final class NotHostedHereException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;

  public NotHostedHereException(String pairingKey, String host, int port) {
    super("pairing key '" + pairingKey + "' is hosted by " + host + ":" + port);
    this.host = host;
    this.port = port;
  }

  /** The key's host was asked and did not answer, for {@code why}. */
  public NotHostedHereException(String pairingKey, String host, int port, String why) {
    super("pairing key '" + pairingKey + "' is hosted by " + host + ":" + port + ", which did not answer: " + why);
    this.host = host;
    this.port = port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }
}
