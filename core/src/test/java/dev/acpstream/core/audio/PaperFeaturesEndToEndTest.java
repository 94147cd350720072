package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The full 193-d extractor ({@link WindowFeatureExtractors#paper193()}) through this package's
 * decoding, segmenting and averaging: file form against librosa's segment vectors, and the
 * incremental form against the file form, bit for bit.
 */
class PaperFeaturesEndToEndTest {

  private final WindowFeatureExtractor paper = WindowFeatureExtractors.paper193();

  /** Two overlapping windows of real music (the 5-s fixture three times over: 15 s, windows at 0 and 5 s). */
  @Test
  void incrementalEqualsFileFormWithThePapersExtractor() throws IOException {
    float[] five = AudioInput.load(TestAudio.fixture("chaos_god_5s_22050_s16.wav"), DecodeLimits.DEFAULT);
    float[] y = new float[3 * five.length];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(five, 0, y, k * five.length, five.length);
    }
    List<SegmentFeatures> offline = new MusicFeatureExtractor(paper, DecodeLimits.DEFAULT).extract(y);
    assertEquals(1, offline.size());
    assertEquals(2, offline.get(0).windows());

    List<SegmentFeatures> streamed = new ArrayList<>();
    IncrementalMusicFeatures inc = new IncrementalMusicFeatures(paper, streamed::add);
    Random r = new Random(42);
    for (int i = 0; i < y.length; ) {
      int n = Math.min(y.length - i, 1 + r.nextInt(30_000));
      inc.accept(y, i, n);
      i += n;
    }
    inc.finish();
    assertEquals(1, streamed.size());
    assertArrayEquals(offline.get(0).features(), streamed.get(0).features());
    for (float v : streamed.get(0).features()) {
      assertTrue(Float.isFinite(v));
    }
  }

  /** 6 s of digital silence from a WAV file: one segment, every value finite. */
  @Test
  void silenceIsFinite(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path wav = TestAudio.writeWav16(dir.resolve("silence.wav"), 44100, 2, new float[2 * 6 * 44100]);
    List<SegmentFeatures> s = new MusicFeatureExtractor(paper, DecodeLimits.DEFAULT).extract(wav);
    assertEquals(1, s.size());
    assertEquals(6.0, s.get(0).durationS());
    for (float v : s.get(0).features()) {
      assertTrue(Float.isFinite(v), "finite");
    }
  }

  /** Decoded WAV -> segment plan -> paper extractor -> window mean, against librosa's segment vector. */
  @Test
  void fileFormMatchesLibrosaOnTheShortParityClip() throws IOException {
    Path parity = Path.of(System.getProperty("acp.shared.dir", "../shared"), "data", "parity");
    Path wav = parity.resolve("freedesktop_alarm_clock_elapsed_6s.wav");
    Assumptions.assumeTrue(Files.exists(wav), "parity clip not present at " + wav);
    JsonNode ref = new ObjectMapper().readTree(parity.resolve("freedesktop_alarm_clock_elapsed_6s.json").toFile());
    List<SegmentFeatures> ours = new MusicFeatureExtractor(paper, DecodeLimits.DEFAULT).extract(wav);
    assertEquals(ref.get("segments").size(), ours.size());
    JsonNode expected = ref.get("segments").get(0).get("vector");
    float[] got = ours.get(0).features();
    double melMax = 0;
    for (int i = MusicFeatures193.MEL.from(); i < MusicFeatures193.MEL.to(); i++) {
      melMax = Math.max(melMax, expected.get(i).asDouble());
    }
    for (int i = 0; i < MusicFeatures193.DIM; i++) {
      double e = expected.get(i).asDouble();
      double tol;
      if (i < MusicFeatures193.MFCC.to()) {
        tol = 1e-3;
      } else if (i < MusicFeatures193.CHROMA.to()) {
        tol = 1e-2;
      } else if (i < MusicFeatures193.MEL.to()) {
        tol = 1e-4 * Math.abs(e) + 1e-6 * melMax;
      } else if (i < MusicFeatures193.CONTRAST.to()) {
        tol = 1e-2;
      } else {
        tol = 2e-3;
      }
      assertEquals(e, got[i], tol, "feature " + i);
    }
  }
}
