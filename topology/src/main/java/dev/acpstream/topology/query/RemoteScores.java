package dev.acpstream.topology.query;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Asks the instance that hosts a pairing key for its scores ({@link QueryServer} over there). */
final class RemoteScores {

  private final HttpClient http;
  private final Duration timeout;
  private final ScoresWire wire = new ScoresWire();

  RemoteScores(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * @throws NotHostedHereException naming the host and why it did not answer (unreachable, timed
   *     out, restoring, or itself no longer the host after a rebalance)
   */
  List<CorrespondenceScore> fetch(String pairingKey, String host, int port) {
    URI uri = URI.create("http://" + host + ":" + port + QueryServer.SCORES_PATH
        + URLEncoder.encode(pairingKey, StandardCharsets.UTF_8).replace("+", "%20"));
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new NotHostedHereException(pairingKey, host, port,
            "it answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
      }
      return wire.decode(r.body(), uri.toString());
    } catch (IOException | IllegalArgumentException e) {
      throw new NotHostedHereException(pairingKey, host, port, "asking it failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotHostedHereException(pairingKey, host, port, "interrupted while asking it");
    }
  }
}
