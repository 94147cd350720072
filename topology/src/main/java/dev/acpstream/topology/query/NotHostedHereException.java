package dev.acpstream.topology.query;

/** The queried pairing key is paired on another instance: ask that one (its application.server). */
public final class NotHostedHereException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;

  public NotHostedHereException(String pairingKey, String host, int port) {
    super("pairing key '" + pairingKey + "' is hosted by " + host + ":" + port);
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
