package dev.acpstream.core.audio;

import static dev.acpstream.core.audio.TestAudio.fixture;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of bad input fails with an {@link AudioDecodeException} that names the file and says what is wrong. */
class BadAudioInputTest {

  @TempDir Path dir;

  private AudioDecodeException fails(Path file, DecodeLimits limits, String... phrases) {
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioInput.load(file, limits));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), "names the file: " + e.getMessage());
    for (String p : phrases) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
    }
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.wav", "empty.mp3", "empty.flac"})
  void emptyFile(String name) throws IOException {
    fails(Files.createFile(dir.resolve(name)), DecodeLimits.DEFAULT, "empty file");
  }

  @Test
  void wavWithNoSamples() throws IOException {
    fails(Files.write(dir.resolve("hollow.wav"), TestAudio.wav(1, 22050, 1, 16, new byte[0], 0)), DecodeLimits.DEFAULT, "no audio samples");
  }

  @Test
  void missingFileAndDirectory() throws IOException {
    fails(dir.resolve("nope.wav"), DecodeLimits.DEFAULT, "no such file");
    fails(Files.createDirectory(dir.resolve("d.mp3")), DecodeLimits.DEFAULT, "directory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x.mp3", "x.wav", "x.flac", "x.ogg"})
  void randomBytesWithAnAudioExtension(String name) throws IOException {
    byte[] junk = new byte[200_000];
    new Random(name.hashCode()).nextBytes(junk);
    fails(Files.write(dir.resolve(name), junk), DecodeLimits.DEFAULT, "not a recognised audio file");
  }

  @Test
  void textFileWithMp3Extension() throws IOException {
    fails(Files.writeString(dir.resolve("notes.mp3"), "not audio at all\n".repeat(100)), DecodeLimits.DEFAULT, "not a recognised audio file");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "chaos_god_5s_22050_s16.wav", "chaos_god_5s_22050.flac", "chaos_god_5s_22050_128k.mp3", "chaos_god_5s_22050_q6.ogg"
  })
  void truncatedFile(String name) throws IOException {
    byte[] whole = Files.readAllBytes(fixture(name));
    Path cut = Files.write(dir.resolve("cut-" + name), java.util.Arrays.copyOf(whole, whole.length * 2 / 3 + 7));
    fails(cut, DecodeLimits.DEFAULT, "truncated");
  }

  @Test
  void truncatedInsideTheHeader() throws IOException {
    byte[] whole = Files.readAllBytes(fixture("chaos_god_5s_22050_s16.wav"));
    fails(Files.write(dir.resolve("h.wav"), java.util.Arrays.copyOf(whole, 30)), DecodeLimits.DEFAULT, "truncated");
    byte[] flac = Files.readAllBytes(fixture("chaos_god_5s_22050.flac"));
    fails(Files.write(dir.resolve("h.flac"), java.util.Arrays.copyOf(flac, 20)), DecodeLimits.DEFAULT, "FLAC");
  }

  @Test
  void unsupportedCodecs() throws IOException {
    fails(fixture("chaos_god_1s_22050_ima_adpcm.wav"), DecodeLimits.DEFAULT, "unsupported codec", "IMA ADPCM");
    fails(fixture("chaos_god_1s_opus.ogg"), DecodeLimits.DEFAULT, "unsupported codec", "Opus");
    fails(Files.write(dir.resolve("a.aiff"), "FORM\0\0\0\0AIFF".getBytes()), DecodeLimits.DEFAULT, "AIFF");
  }

  /** 10 hours of 22050-Hz mono 16-bit declared (1.6 GB), one second present. */
  private Path tenHourClaim() throws IOException {
    long declared = 10L * 3600 * 22050 * 2;
    byte[] data = new byte[22050 * 2];
    return Files.write(dir.resolve("ten-hours.wav"), TestAudio.wav(1, 22050, 1, 16, data, declared));
  }

  @Test
  void headerClaimingTenHoursFailsUpFront() throws IOException {
    fails(tenHourClaim(), DecodeLimits.DEFAULT, "header declares 10:00:00", "maximum of 2:00:00");
  }

  /** With the limit raised, the lie is found at the end of the data, and memory never followed the header. */
  @Test
  void headerClaimingTenHoursAllocatesNothingForThem() throws IOException {
    Path f = tenHourClaim();
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    fails(f, new DecodeLimits(11 * 3600), "truncated", "declares 793800000 frames");
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes for a header claiming 3.2 GB of float samples");
  }

  /** A stream whose length is unknown up front is cut off by what was actually decoded. */
  @Test
  void decodedLengthIsLimited() {
    AudioDecodeException e = assertThrows(AudioDecodeException.class,
        () -> AudioInput.load(fixture("chaos_god_5s_22050_q6.ogg"), new DecodeLimits(2.0)));
    assertTrue(e.getMessage().contains("decoded more than 0:00:02"), e.getMessage());
  }
}
