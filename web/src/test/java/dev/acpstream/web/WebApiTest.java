package dev.acpstream.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against the running server and the real embedded broker (no topology in this process). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebApiTest {

  private static final long MAX_IMAGE = 100_000;
  private static final long MAX_AUDIO = 1_000_000;
  private static final int MAX_CHUNK = 32_000;

  @TempDir static Path media;
  private EmbeddedKafka kafka;
  private AcpWebServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    kafka = Broker.startWithTopics();
    server = new AcpWebServer(WebConfig.local(kafka.bootstrapServers(), 0, media)
        .withLimits(MAX_IMAGE, MAX_AUDIO, MAX_CHUNK), null, null).start();
    http = new Http(server.url());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private String bootstrap() {
    return kafka.bootstrapServers();
  }

  @Test
  void anUploadedImageIsProducedInlineAndServedBack() throws Exception {
    byte[] jpeg = TestMedia.imageBytes("ColdRipple.jpg");
    Http.Response r = http.upload("/api/images", "ColdRipple.jpg", jpeg, Map.of("pairingKey", "room-1"));
    assertEquals(201, r.status(), r.text());
    JsonNode body = r.json();
    assertEquals("image:ColdRipple.jpg", body.get("mediaId").asText());
    assertEquals("image/jpeg", body.get("contentType").asText());
    assertEquals("inline", body.get("sentAs").asText());

    ImageUpload sent = Broker.readAll(bootstrap(), Topics.MEDIA_IMAGES).stream()
        .filter(x -> x.key().equals("image:ColdRipple.jpg")).map(ConsumerRecord::value).findFirst().orElseThrow();
    assertEquals("room-1", sent.getPairingKey());
    assertEquals("image/jpeg", sent.getContentType());
    ByteBuffer data = ((InlineBytes) sent.getContent()).getData();
    byte[] got = new byte[data.remaining()];
    data.get(got);
    assertArrayEquals(jpeg, got);

    Http.Response served = http.get(body.get("imageUrl").asText());
    assertEquals(200, served.status());
    assertEquals("image/jpeg", served.contentType());
    assertArrayEquals(jpeg, served.body());
  }

  @Test
  void badImageUploadsGetClear4xxAndNothingIsProduced() throws Exception {
    long before = Broker.endOffset(bootstrap(), Topics.MEDIA_IMAGES);

    Http.Response text = http.upload("/api/images", "notes.txt", "just some words\n".getBytes(), Map.of());
    assertEquals(415, text.status(), text.text());
    assertTrue(text.json().get("error").asText().contains("notes.txt"), text.text());
    assertTrue(text.json().get("error").asText().contains("text"), text.text());
    assertEquals("notes.txt", text.json().get("input").asText());

    Http.Response song = http.upload("/api/images", "photo.jpg", TestMedia.toneWav(0.1, 8000), Map.of());
    assertEquals(415, song.status(), song.text());
    assertTrue(song.json().get("error").asText().contains("WAV audio"), song.text());

    Http.Response empty = http.upload("/api/images", "empty.png", new byte[0], Map.of());
    assertEquals(400, empty.status(), empty.text());
    assertTrue(empty.json().get("error").asText().contains("empty.png: the file is empty"), empty.text());

    byte[] big = new byte[(int) MAX_IMAGE + 10];
    System.arraycopy(TestMedia.imageBytes("Autumn.jpg"), 0, big, 0, 47_176);
    Http.Response tooLarge = http.upload("/api/images", "huge.jpg", big, Map.of());
    assertEquals(413, tooLarge.status(), tooLarge.text());
    assertTrue(tooLarge.json().get("error").asText().contains("huge.jpg"), tooLarge.text());

    // Over every limit: refused from its Content-Length before the body is parsed.
    Http.Response wayTooLarge = http.upload("/api/images", "enormous.jpg", new byte[(int) MAX_AUDIO * 3], Map.of());
    assertEquals(413, wayTooLarge.status(), wayTooLarge.text());
    assertTrue(wayTooLarge.json().get("error").asText().contains("an image may have at most " + MAX_IMAGE),
        wayTooLarge.text());

    Http.Response notMultipart = http.postBytes("/api/images", TestMedia.imageBytes("ColdRipple.jpg"), "image/jpeg");
    assertEquals(400, notMultipart.status(), notMultipart.text());
    assertTrue(notMultipart.json().get("error").asText().contains("multipart/form-data"), notMultipart.text());

    Http.Response badId = http.upload("/api/images", "ColdRipple.jpg", TestMedia.imageBytes("ColdRipple.jpg"),
        Map.of("mediaId", "../../etc/passwd"));
    assertEquals(400, badId.status(), badId.text());
    assertEquals("mediaId", badId.json().get("input").asText());

    assertEquals(before, Broker.endOffset(bootstrap(), Topics.MEDIA_IMAGES), "a refused upload produced a record");
  }

  @Test
  void anUploadedSongIsStreamedAsPcmChunksAndItsSegmentPlaysBack() throws Exception {
    int rate = 8000;
    byte[] wav = TestMedia.toneWav(2.5, rate);
    Http.Response r = http.upload("/api/audio", "tone.wav", wav,
        Map.of("trackId", "track:tone", "pairingKey", "room-2", "chunkMs", "500"));
    assertEquals(202, r.status(), r.text());
    assertEquals("WAV", r.json().get("codec").asText().toUpperCase().substring(0, 3));

    JsonNode status = awaitStream("track:tone");
    assertEquals("done", status.get("state").asText(), status.toString());
    assertEquals(5, status.get("chunks").asInt());

    List<AudioChunk> chunks = Broker.readAll(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS).stream()
        .filter(x -> x.key().equals("track:tone")).map(ConsumerRecord::value).toList();
    assertEquals(5, chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      AudioChunk c = chunks.get(i);
      assertEquals(i, c.getSeq());
      assertEquals(AudioEncoding.PCM_S16LE, c.getEncoding());
      assertEquals(rate, c.getSampleRate());
      assertEquals("room-2", c.getPairingKey());
      assertEquals(i == 4, c.getEndOfStream());
      assertEquals(rate / 2 * 2, c.getData().remaining());
    }

    Http.Response segment = http.get("/api/audio/track%3Atone/segments/0");
    assertEquals(200, segment.status(), segment.text());
    assertEquals("audio/wav", segment.contentType());
    assertEquals(44 + 2 * (int) (2.5 * rate), segment.body().length);
    assertEquals("RIFF", new String(segment.body(), 0, 4, StandardCharsets.US_ASCII));

    Http.Response past = http.get("/api/audio/track%3Atone/segments/3");
    assertEquals(404, past.status(), past.text());
    Http.Response unknown = http.get("/api/audio/track%3Anever/segments/0");
    assertEquals(404, unknown.status());
    assertTrue(unknown.json().get("error").asText().contains("was not uploaded to this server"), unknown.text());
  }

  @Test
  void badAudioUploadsGetClear4xxAndNothingIsProduced() throws Exception {
    long before = Broker.endOffset(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS);
    Http.Response image = http.upload("/api/audio", "song.mp3", TestMedia.imageBytes("ColdRipple.jpg"), Map.of());
    assertEquals(415, image.status(), image.text());
    assertTrue(image.json().get("error").asText().contains("song.mp3"), image.text());
    assertTrue(image.json().get("error").asText().contains("JPEG image"), image.text());

    Http.Response empty = http.upload("/api/audio", "silence.wav", new byte[0], Map.of());
    assertEquals(400, empty.status(), empty.text());

    Http.Response tooLarge = http.upload("/api/audio", "long.wav", TestMedia.toneWav(63, 8000), Map.of());
    assertEquals(413, tooLarge.status(), tooLarge.text());
    assertTrue(tooLarge.json().get("error").asText().contains("long.wav"), tooLarge.text());

    byte[] truncated = java.util.Arrays.copyOf(TestMedia.toneWav(1, 8000), 20);
    Http.Response broken = http.upload("/api/audio", "broken.wav", truncated, Map.of());
    assertEquals(415, broken.status(), broken.text());
    assertTrue(broken.json().get("error").asText().contains("broken.wav: cannot be decoded"), broken.text());

    Http.Response badChunkMs = http.upload("/api/audio", "tone.wav", TestMedia.toneWav(1, 8000),
        Map.of("chunkMs", "5"));
    assertEquals(400, badChunkMs.status(), badChunkMs.text());
    assertEquals("chunkMs", badChunkMs.json().get("input").asText());

    assertEquals(before, Broker.endOffset(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS), "a refused upload produced chunks");
  }

  @Test
  void liveChunksArePostedOneByOneAndBadOnesAreRefused() throws Exception {
    long before = Broker.endOffset(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS);
    byte[] pcm = TestMedia.s16((short) 1, (short) -2, (short) 300, (short) -400);
    Http.Response ok = http.postBytes("/api/audio/mic-1/chunks?seq=0&sampleRate=16000&pairingKey=room-3", pcm,
        "application/octet-stream");
    assertEquals(202, ok.status(), ok.text());
    Http.Response end = http.postBytes("/api/audio/mic-1/chunks?seq=1&sampleRate=16000&end=true", new byte[0],
        "application/octet-stream");
    assertEquals(202, end.status(), end.text());

    assertEquals(400, http.postBytes("/api/audio/mic-1/chunks?seq=2&sampleRate=16000", new byte[3],
        "application/octet-stream").status());
    assertEquals(400, http.postBytes("/api/audio/mic-1/chunks?sampleRate=16000", pcm,
        "application/octet-stream").status());
    assertEquals(400, http.postBytes("/api/audio/mic-1/chunks?seq=2&sampleRate=16000", new byte[0],
        "application/octet-stream").status());
    Http.Response mp3 = http.postBytes("/api/audio/mic-1/chunks?seq=2&sampleRate=16000&encoding=MP3", pcm,
        "application/octet-stream");
    assertEquals(400, mp3.status());
    assertEquals("encoding", mp3.json().get("input").asText());
    Http.Response big = http.postBytes("/api/audio/mic-1/chunks?seq=2&sampleRate=16000", new byte[MAX_CHUNK + 2],
        "application/octet-stream");
    assertEquals(413, big.status(), big.text());

    List<AudioChunk> chunks = Broker.readAll(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS).stream()
        .filter(x -> x.key().equals("mic-1")).map(ConsumerRecord::value).toList();
    assertEquals(2, chunks.size());
    assertEquals(before + 2, Broker.endOffset(bootstrap(), Topics.MEDIA_AUDIO_CHUNKS));
    assertEquals("room-3", chunks.get(0).getPairingKey());
    assertEquals(16000, chunks.get(0).getSampleRate());
    assertTrue(chunks.get(1).getEndOfStream());
  }

  @Test
  void labelsAndPairFeedbackAreProducedAndBadOnesRefused() throws Exception {
    Http.Response ok = http.postJson("/api/labels",
        "{\"itemId\":\"image:Autumn.jpg\",\"itemKind\":\"image\",\"label\":\"Positive\",\"scheme\":\"3class\",\"source\":\"test\"}");
    assertEquals(201, ok.status(), ok.text());
    MediaLabel label = Broker.readAll(bootstrap(), Topics.LABELS_MEDIA).stream()
        .filter(x -> x.key().equals("image:Autumn.jpg")).map(ConsumerRecord::value).findFirst().orElseThrow();
    assertEquals("positive", label.getLabel());
    assertEquals(ItemKind.IMAGE, label.getItemKind());
    assertEquals("test", label.getSource());

    long labelsBefore = Broker.endOffset(bootstrap(), Topics.LABELS_MEDIA);
    Http.Response scheme = http.postJson("/api/labels",
        "{\"itemId\":\"x\",\"itemKind\":\"MUSIC\",\"label\":\"Q1\",\"scheme\":\"moods\"}");
    assertEquals(400, scheme.status());
    assertEquals("scheme", scheme.json().get("input").asText());
    Http.Response cls = http.postJson("/api/labels",
        "{\"itemId\":\"x\",\"itemKind\":\"MUSIC\",\"label\":\"Q5\",\"scheme\":\"4q\"}");
    assertEquals(400, cls.status());
    assertTrue(cls.json().get("error").asText().contains("Q5"), cls.text());
    Http.Response kind = http.postJson("/api/labels",
        "{\"itemId\":\"x\",\"itemKind\":\"VIDEO\",\"label\":\"Q1\",\"scheme\":\"4q\"}");
    assertEquals(400, kind.status());
    assertEquals(400, http.postJson("/api/labels", "{not json").status());
    assertEquals(400, http.postJson("/api/labels", "{\"itemKind\":\"MUSIC\",\"label\":\"Q1\",\"scheme\":\"4q\"}").status());
    assertEquals(labelsBefore, Broker.endOffset(bootstrap(), Topics.LABELS_MEDIA));

    Http.Response pair = http.postJson("/api/pairs",
        "{\"imageId\":\"image:Autumn.jpg\",\"musicId\":\"track:a.mp3:0\",\"corresponds\":false}");
    assertEquals(201, pair.status(), pair.text());
    LabeledPair p = Broker.readAll(bootstrap(), Topics.PAIRS_LABELED).stream()
        .filter(x -> x.key().equals("image:Autumn.jpg:track:a.mp3:0")).map(ConsumerRecord::value).findFirst()
        .orElseThrow();
    assertEquals(false, p.getCorresponds());
    assertEquals("web", p.getSource());
    Http.Response noVerdict = http.postJson("/api/pairs", "{\"imageId\":\"a\",\"musicId\":\"b\",\"corresponds\":\"yes\"}");
    assertEquals(400, noVerdict.status());
    assertEquals("corresponds", noVerdict.json().get("input").asText());
  }

  @Test
  void queriesAnswer503WithoutATopologyInThisProcess() throws Exception {
    Http.Response r = http.get("/api/matches/image:Autumn.jpg");
    assertEquals(503, r.status());
    assertTrue(r.json().get("error").asText().contains("bin/acp serve"), r.text());
    assertEquals(503, http.get("/api/live/room-1").status());
    assertEquals(503, http.get("/api/models").status());
  }

  @Test
  void deadLettersAreCountedOnTheStatusAndTheMetrics() throws Exception {
    long before = server.monitor().count(Topics.ERRORS_DEAD_LETTER.name());
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(Topics.MEDIA_IMAGES.name()).setSourcePartition(0).setSourceOffset(7).setKey("image:bad.jpg")
        .setReason("DECODE_FAILED").setErrorClass("java.io.IOException").setErrorMessage("truncated JPEG")
        .setFailedAt(Instant.now()).setService("test").build();
    try (MediaProducers p = new MediaProducers(bootstrap(), SerdeConfig.singleObject(), Duration.ofSeconds(10), 1 << 20)) {
      p.send(Topics.ERRORS_DEAD_LETTER, Topics.MEDIA_IMAGES.name(), letter);
    }
    JsonNode status = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      status = http.get("/api/status").json();
      if (status.get("deadLetters").asLong() == before + 1) {
        break;
      }
      Thread.sleep(100);
    }
    assertNotNull(status);
    assertEquals(before + 1, status.get("deadLetters").asLong(), status.toString());
    assertEquals("not in this process", status.get("topology").asText());
    JsonNode recent = status.get("recentDeadLetters").get(0);
    assertEquals("image:bad.jpg", recent.get("key").asText());
    assertEquals("DECODE_FAILED", recent.get("reason").asText());

    String metrics = http.get("/metrics").text();
    assertTrue(metrics.contains("acp_dead_letters_total{reason=\"DECODE_FAILED\",source=\"media.images\"} 1.0"), metrics);
    assertTrue(metrics.contains("acp_pipeline_records_total{topic=\"errors.dead-letter\"}"), metrics);
    assertTrue(metrics.contains("acp_pipeline_records_total{topic=\"scores.correspondence\"}"), metrics);
    assertTrue(metrics.contains("acp_http_requests_seconds_count{method=\"GET\",route=\"/api/status\""), metrics);
    assertTrue(metrics.contains("kafka_producer_"), "the API producer's client metrics are bound");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
  }

  @Test
  void thePageAndItsScriptAreServed() throws Exception {
    Http.Response page = http.get("/");
    assertEquals(200, page.status());
    assertTrue(page.text().contains("id=\"image-form\""), page.text());
    Http.Response js = http.get("/app.js");
    assertEquals(200, js.status());
    assertTrue(js.text().contains("/api/matches/"));
  }

  private JsonNode awaitStream(String trackId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      Http.Response r = http.get("/api/audio/" + trackId.replace(":", "%3A") + "/stream");
      s = r.json();
      if (r.status() == 200 && !s.get("state").asText().matches("queued|streaming")) {
        return s;
      }
      Thread.sleep(100);
    }
    return s;
  }

  static byte[] bytes(Path p) throws java.io.IOException {
    return Files.readAllBytes(p);
  }
}
