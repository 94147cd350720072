package dev.acpstream.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.image.ImageDecodeException;
import dev.acpstream.core.image.ImageDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded fuzz of the audio and image decoders: random bytes, and every fixture with
 * random bytes flipped, truncated or spliced. Each input must decode or fail with the decoders'
 * own exception (an IOException naming the input); never another exception, an Error, or a hang.
 */
class DecoderFuzzTest {

  private static final Path PROJECT = Path.of(System.getProperty("acp.project.dir", ".."));
  private static final Path AUDIO = PROJECT.resolve("core/src/test/resources/audio");
  private static final Path IMAGES = PROJECT.resolve("samples/images/formats");
  private static final int MUTANTS_PER_FILE = 40;

  @Test
  void audioDecodersFailOnlyWithTheirOwnErrors() throws IOException {
    List<byte[]> inputs = inputs(AUDIO, 12_000, 1);
    int decoded = 0;
    for (int i = 0; i < inputs.size(); i++) {
      byte[] in = inputs.get(i);
      String name = "fuzz-audio-" + i;
      try (AudioDecoder d = AudioDecoders.open(new ByteArrayInputStream(in), name, DecodeLimits.DEFAULT)) {
        float[] buf = new float[8192];
        long total = 0;
        int r;
        while ((r = d.read(buf, 0, buf.length)) > 0) {
          total += r;
          if (total > 10_000_000) {
            fail(name + ": decodes without end");
          }
        }
        decoded++;
      } catch (IOException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), name + ": an error says why");
      } catch (RuntimeException | Error e) {
        throw new AssertionError(name + " (" + in.length + " bytes) crashed the decoder: " + e, e);
      }
    }
    assertTrue(decoded > 0, "some mutants still decode: the fuzz reached past the headers");
  }

  @Test
  void imageDecoderFailsOnlyWithItsOwnErrors() throws IOException {
    List<byte[]> inputs = inputs(IMAGES, 4_000, 2);
    ImageDecoder decoder = new ImageDecoder();
    int decoded = 0;
    for (int i = 0; i < inputs.size(); i++) {
      String name = "fuzz-image-" + i;
      try {
        decoder.decode(name, inputs.get(i));
        decoded++;
      } catch (ImageDecodeException expected) {
        assertTrue(expected.getMessage().contains(name), name + ": the error names the input: " + expected.getMessage());
      } catch (RuntimeException | Error e) {
        throw new AssertionError(name + " (" + inputs.get(i).length + " bytes) crashed the decoder: " + e, e);
      }
    }
    assertTrue(decoded > 0, "some mutants still decode: the fuzz reached past the headers");
  }

  /** Random byte strings, then per fixture: flipped bytes, truncations, a spliced tail. */
  private static List<byte[]> inputs(Path dir, int maxRandom, long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      byte[] b = new byte[rng.nextInt(maxRandom)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) rng.nextInt(256);
      }
      out.add(b);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> !p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList();
    }
    for (Path f : files) {
      byte[] good = Files.readAllBytes(f);
      for (int m = 0; m < MUTANTS_PER_FILE; m++) {
        byte[] b = good.clone();
        switch (m % 4) {
          case 0 -> {
            for (int k = 0; k < 1 + rng.nextInt(8); k++) {
              b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
            }
          }
          case 1 -> b = java.util.Arrays.copyOf(b, rng.nextInt(Math.max(1, b.length)));
          case 2 -> {
            // Header damage: the first 64 bytes are where lengths and sizes live.
            for (int k = 0; k < 4; k++) {
              b[rng.nextInt(Math.min(64, b.length))] = (byte) rng.nextInt(256);
            }
          }
          default -> {
            int cut = rng.nextInt(b.length);
            byte[] tail = new byte[rng.nextInt(2048)];
            for (int j = 0; j < tail.length; j++) {
              tail[j] = (byte) rng.nextInt(256);
            }
            byte[] spliced = java.util.Arrays.copyOf(b, cut + tail.length);
            System.arraycopy(tail, 0, spliced, cut, tail.length);
            b = spliced;
          }
        }
        out.add(b);
      }
    }
    return out;
  }
}
