package dev.acpstream.topology.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.BrokerFixture;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TestImages;
import dev.acpstream.topology.TestModels;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.WindowingProbe;
import dev.acpstream.topology.model.ModelRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one application on a real broker, each with its {@code application.server}:
 * whichever instance is asked, a pairing key's scores come back complete, from its own stores or
 * from the instance that hosts the key.
 */
class InstanceQueriesTest {

  private static BrokerFixture kafka;

  @BeforeAll
  static void broker() {
    kafka = BrokerFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void eitherInstanceAnswersForEveryPairingKey() throws Exception {
    List<String> keys = keysOnEveryPartition();
    try (KafkaProducer<String, AcpNetModel> models = kafka.producer(Topics.MODELS_ACPNET);
        KafkaProducer<String, ImageUpload> images = kafka.producer(Topics.MEDIA_IMAGES);
        KafkaProducer<String, AudioChunk> audio = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          TestModels.record(ModelRecords.CHAMPION, "v1", 1))).get();
      try (AcpStreamsApp a = instance("a"); AcpStreamsApp b = instance("b")) {
        BrokerFixture.waitFor(() -> hasActiveTasks(a) && hasActiveTasks(b), Duration.ofSeconds(90),
            "both instances to run with tasks");
        for (String key : keys) {
          images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), key + "-photo",
              TestImages.upload(key + "-photo", key, "Kite.jpg", TestAudio.EPOCH_MS))).get();
        }
        kafka.readCommitted(Topics.EMBEDDINGS_IMAGE, keys.size(), Duration.ofSeconds(60));
        for (String key : keys) {
          for (AudioChunk c : TestAudio.chunks(key + "-track", TestAudio.signal(12, key.hashCode()))) {
            c.setPairingKey(key);
            audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
          }
        }
        audio.flush();
        kafka.readCommitted(Topics.SCORES_CORRESPONDENCE, keys.size(), Duration.ofSeconds(120));

        int forwarded = 0;
        for (String key : keys) {
          List<CorrespondenceScore> fromA = a.queries().latestScores(key);
          List<CorrespondenceScore> fromB = b.queries().latestScores(key);
          assertEquals(1, fromA.size(), key + " via a: " + fromA);
          assertEquals(fromA, fromB, key + ": both instances give the same answer");
          assertEquals(key + "-photo", fromA.get(0).getImageId());
          for (AcpStreamsApp i : List.of(a, b)) {
            try {
              ((AcpQueries) i.queries()).localScores(key);
            } catch (NotHostedHereException e) {
              forwarded++;
            }
          }
        }
        assertEquals(keys.size(), forwarded, "each key is hosted by exactly one instance; the other asked it");
        assertEquals(List.of(), a.queries().latestScores("no-such-key"), "an unknown key has no scores, on either");
        assertEquals(List.of(), b.queries().latestScores("no-such-key"));
      }
    }
  }

  @Test
  void anUnreachableHostIsNamedInTheError() throws IOException {
    int port = freePort(); // nobody listens there
    NotHostedHereException e = assertThrows(NotHostedHereException.class,
        () -> new RemoteScores(Duration.ofSeconds(2)).fetch("party", "127.0.0.1", port));
    assertTrue(e.getMessage().contains("'party' is hosted by 127.0.0.1:" + port + ", which did not answer"), e.getMessage());
    assertEquals(port, e.port());
  }

  @Test
  void aScoresAnswerRoundTripsAndGarbageIsRefusedNamingTheSource() {
    ScoresWire wire = new ScoresWire();
    assertEquals(List.of(), wire.decode(wire.encode(List.of()), "x"));
    byte[] garbage = "HTTP/1.1 200 OK but not ours".getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> wire.decode(garbage, "http://other:8091/iq/scores/party"));
    assertTrue(e.getMessage().startsWith("http://other:8091/iq/scores/party"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> wire.decode(new byte[] {0, 0, 0, 1, 0, 0, 0, 9, 1}, "y"));
  }

  private static AcpStreamsApp instance(String name) throws IOException {
    Properties p = new Properties();
    TopologyConfig base = kafka.config("acp-iq", Files.createTempDirectory("acp-iq-" + name));
    base.passThrough().forEach((k, v) -> p.put(k, String.valueOf(v)));
    p.setProperty(TopologyConfig.APPLICATION_ID, base.applicationId());
    p.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, base.bootstrapServers());
    p.setProperty(TopologyConfig.STATE_DIR, base.stateDir().toString());
    p.setProperty("application.server", "127.0.0.1:" + freePort());
    return new AcpStreamsApp(TopologyConfig.from(p, Map.of()), new WindowingProbe(), new AffectBackbone()).start();
  }

  private static boolean hasActiveTasks(AcpStreamsApp app) {
    return app.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
        && app.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
  }

  /** One pairing key per partition of the feature topics, so both instances host some. */
  private static List<String> keysOnEveryPartition() {
    int partitions = Topics.FEATURES_IMAGE.partitions();
    Map<Integer, String> byPartition = new TreeMap<>();
    for (int i = 0; byPartition.size() < partitions; i++) {
      String key = "key" + i;
      byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions, key);
    }
    return new ArrayList<>(byPartition.values());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
