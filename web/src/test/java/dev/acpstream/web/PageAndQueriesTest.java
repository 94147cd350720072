package dev.acpstream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page and the query API against the running app: the real embedded broker, the topology
 * with an untrained champion, and the web server. A song is streamed into the catalogue first;
 * then a photo uploaded in headless Chromium gets ranked music, and the live view of a pairing
 * key follows a song while it streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageAndQueriesTest {

  private static final int RATE = 22050;
  private static final String CATALOGUE_TRACK = "track:catalogue";

  @TempDir static Path work;
  private LiveStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new LiveStack(work);
    // 75 s: a full 60-s segment and a 15-s partial one, both embedded into the music catalogue.
    Http.Response r = stack.http.upload("/api/audio", "catalogue.wav", TestMedia.toneWav(75, RATE),
        Map.of("trackId", CATALOGUE_TRACK));
    assertEquals(202, r.status(), r.text());
    LiveStack.awaitTrue(() -> stack.server.monitor().item(CATALOGUE_TRACK + ":1").isPresent(), Duration.ofSeconds(120),
        "both catalogue segments to be embedded");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void anUploadedImageGetsRankedMusicWithEmotionsAndAPlayableSegment() throws Exception {
    Http.Response up = stack.http.upload("/api/images", "Autumn.jpg", TestMedia.imageBytes("Autumn.jpg"), Map.of());
    assertEquals(201, up.status(), up.text());
    JsonNode m = awaitJson("/api/matches/image:Autumn.jpg", Duration.ofSeconds(90));
    assertEquals("image:Autumn.jpg", m.get("queryItemId").asText());
    assertEquals("IMAGE", m.get("queryKind").asText());
    assertEquals("untrained-seed-7", m.get("modelVersion").asText());
    assertNotNull(m.get("queryEmotion"), "the image's own predicted emotion");
    JsonNode matches = m.get("matches");
    assertEquals(2, matches.size(), m.toString());
    double previous = 1.0;
    for (JsonNode x : matches) {
      assertEquals("MUSIC", x.get("kind").asText());
      assertTrue(x.get("itemId").asText().startsWith(CATALOGUE_TRACK + ":"), x.toString());
      double score = x.get("score").asDouble();
      assertTrue(score >= 0 && score <= 1 && score <= previous + 1e-9, "ranked best first: " + m);
      previous = score;
      assertFalse(x.get("emotion").isNull(), "each music segment's emotion: " + x);
      assertEquals(CATALOGUE_TRACK, x.get("segment").get("trackId").asText());
    }
    JsonNode first = matches.get(0).get("segment");
    Http.Response wav = stack.http.get(first.get("audioUrl").asText());
    assertEquals(200, wav.status(), wav.text());
    int expectedSeconds = first.get("index").asInt() == 0 ? 60 : 15;
    assertEquals(44 + 2 * expectedSeconds * RATE, wav.body().length);
    assertEquals(expectedSeconds, first.get("durationSeconds").asDouble(), 1e-6);

    JsonNode tracks = stack.http.get("/api/tracks").json();
    assertEquals(CATALOGUE_TRACK, tracks.get(0).get("trackId").asText());
    assertEquals(2, tracks.get(0).get("segments").size());
    JsonNode byTrack = awaitJson("/api/matches/" + CATALOGUE_TRACK + ":0", Duration.ofSeconds(30));
    assertEquals("MUSIC", byTrack.get("queryKind").asText());

    JsonNode models = stack.http.get("/api/models").json();
    assertEquals("untrained-seed-7", models.get("championVersion").asText());
    String metrics = stack.http.get("/metrics").text();
    assertTrue(metrics.contains("acp_model_info{role=\"champion\",version=\"untrained-seed-7\"} 1"), metrics);
    assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max"), "the topology's consumer lag");
    assertTrue(metrics.contains("acp_pipeline_records_total{topic=\"features.music-segment\"} 2.0"), metrics);
    assertTrue(metrics.contains("acp_pipeline_step_latency_seconds_count{step=\"music-segment\"}"), metrics);
  }

  @Test
  @Order(2)
  void inTheBrowserAnUploadedPhotoShowsRankedMusicWithScores() throws Exception {
    Chromium.assumeInstalled();
    ChromeDriver browser = Chromium.start(Files.createTempDirectory(work, "chromium"));
    try {
      browser.get(stack.server.url() + "/");
      browser.findElement(By.id("image-file")).sendKeys(TestMedia.image("ColdRipple.jpg").toAbsolutePath().toString());
      browser.findElement(By.id("image-submit")).click();
      List<WebElement> rows = awaitElements(browser, "#image-matches li.match", 2, Duration.ofSeconds(90));
      String first = rows.get(0).getText();
      assertTrue(first.contains(CATALOGUE_TRACK + " · segment"), first);
      assertTrue(first.matches("(?s).*\\b[01]\\.\\d{3}\\b.*"), "a score with three decimals: " + first);
      assertTrue(first.contains("music: ") && first.contains("image: "), "both sides' emotions: " + first);
      assertFalse(rows.get(0).findElements(By.tagName("audio")).isEmpty(), "a player for the matched segment");
      assertTrue(browser.findElement(By.id("image-status")).getText().contains("2 matches for image:ColdRipple.jpg"));
      awaitText(browser, "status-model", "untrained-seed-7", Duration.ofSeconds(10));
      Files.write(Chromium.artefacts().resolve("image-to-music.png"), browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(3)
  void theLiveViewFollowsAPairingKeyWhileItsAudioStreams() throws Exception {
    Chromium.assumeInstalled();
    for (String photo : List.of("Kite.jpg", "Path.jpg")) {
      Http.Response r = stack.http.upload("/api/images", photo, TestMedia.imageBytes(photo), Map.of("pairingKey", "live"));
      assertEquals(201, r.status(), r.text());
    }
    LiveStack.awaitTrue(() -> stack.server.monitor().item("image:Path.jpg").isPresent()
        && stack.server.monitor().item("image:Kite.jpg").isPresent(), Duration.ofSeconds(60), "the photos' embeddings");
    ChromeDriver browser = Chromium.start(Files.createTempDirectory(work, "chromium"));
    try {
      browser.get(stack.server.url() + "/?live=live");
      awaitText(browser, "live-current", "no segment scored yet", Duration.ofSeconds(10));
      int updatesBefore = Integer.parseInt(browser.findElement(By.id("live-updates")).getText());
      // 75 s of audio at 8x: segment 0 closes after about 7.5 s of streaming, the partial tail at the end.
      Http.Response r = stack.http.upload("/api/audio", "live.wav", TestMedia.toneWav(75, RATE),
          Map.of("trackId", "track:live", "pairingKey", "live", "speed", "8"));
      assertEquals(202, r.status(), r.text());
      awaitText(browser, "live-status", "streaming", Duration.ofSeconds(10));
      awaitText(browser, "live-segment", "track:live · segment 0", Duration.ofSeconds(90));
      assertEquals(2, browser.findElements(By.cssSelector("#live-visuals li.match")).size());
      Files.write(Chromium.artefacts().resolve("live-view-segment-0.png"), browser.getScreenshotAs(OutputType.BYTES));
      // The page was never reloaded: it went from nothing to segment 0 and on to segment 1 by itself.
      awaitText(browser, "live-segment", "track:live · segment 1", Duration.ofSeconds(90));
      int updates = Integer.parseInt(browser.findElement(By.id("live-updates")).getText());
      assertTrue(updates >= updatesBefore + 2, "the view updated by itself: " + updatesBefore + " -> " + updates);
      Files.write(Chromium.artefacts().resolve("live-view.png"), browser.getScreenshotAs(OutputType.BYTES));
      String current = browser.findElement(By.id("live-current")).getText();
      assertTrue(current.contains("music: "), "the current segment's emotion: " + current);
      List<WebElement> visuals = browser.findElements(By.cssSelector("#live-visuals li.match"));
      assertEquals(2, visuals.size());
      assertTrue(visuals.get(0).getText().contains("image:"), visuals.get(0).getText());
    } finally {
      browser.quit();
    }
  }

  private JsonNode awaitJson(String path, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Http.Response r;
    do {
      r = stack.http.get(path);
      if (r.status() == 200) {
        return r.json();
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " still answers " + r.status() + ": " + r.text());
  }

  private static List<WebElement> awaitElements(ChromeDriver b, String css, int atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<WebElement> found = b.findElements(By.cssSelector(css));
      if (found.size() >= atLeast) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + atLeast + " x '" + css + "' after " + timeout.toSeconds() + " s; page: "
        + b.findElement(By.tagName("main")).getText());
  }

  private static void awaitText(ChromeDriver b, String id, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      List<WebElement> e = b.findElements(By.id(id));
      last = e.isEmpty() ? "(absent)" : e.get(0).getText();
      if (last.contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("#" + id + " never showed '" + text + "' in " + timeout.toSeconds() + " s; it shows: " + last);
  }
}
