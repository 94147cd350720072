package dev.acpstream.core.audio;

import static dev.acpstream.core.audio.TestAudio.fixture;
import static dev.acpstream.core.audio.TestAudio.maxAbsDiff;
import static dev.acpstream.core.audio.TestAudio.scaled;
import static dev.acpstream.core.audio.TestAudio.snrDb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every supported format decodes the same music (fixtures made by sox/flac/oggenc/lame from one
 * excerpt of a CC-BY-SA song) to the same samples, within tolerances stated per codec:
 * lossless = bit-exact; lossy = close to the reference decoder (libvorbis, LAME) and aligned with
 * the source to the sample (gapless MP3).
 */
class AudioDecodersTest {

  private static float[] ref;

  @BeforeAll
  static void loadReference() throws IOException {
    ref = load("chaos_god_5s_22050_s16.wav");
    assertEquals(5 * TestAudio.SR, ref.length);
  }

  private static float[] load(String name) throws IOException {
    return AudioInput.load(fixture(name), DecodeLimits.DEFAULT);
  }

  private static AudioStreamInfo info(String name) throws IOException {
    try (AudioDecoder d = AudioDecoders.open(fixture(name), DecodeLimits.DEFAULT)) {
      return d.info();
    }
  }

  @Test
  void int16IsScaledBy32768() throws IOException {
    byte[] pcm = {0x00, (byte) 0x80, (byte) 0xff, 0x7f, 0x00, 0x40}; // -32768, 32767, 16384
    Path f = java.nio.file.Files.write(java.nio.file.Files.createTempFile("scale", ".wav"), TestAudio.wav(1, 22050, 1, 16, pcm, 6));
    float[] y = AudioInput.load(f, DecodeLimits.DEFAULT);
    assertArrayEquals(new float[] {-1f, 32767f / 32768f, 0.5f}, y);
  }

  /** sox widens 16-bit samples exactly, so 24/32-bit int, float32 and float64 must equal the reference bit for bit. */
  @ParameterizedTest
  @ValueSource(strings = {"s24", "s32", "f32", "f64"})
  void wavEncodingsAreExact(String enc) throws IOException {
    float[] y = load("chaos_god_1s_22050_" + enc + ".wav");
    assertArrayEquals(Arrays.copyOf(ref, TestAudio.SR), y);
  }

  @Test
  void wavExtensibleIsRead() throws IOException {
    // sox writes 24- and 32-bit WAV as WAVE_FORMAT_EXTENSIBLE (format tag 0xFFFE)
    assertEquals("WAV PCM 24-bit", info("chaos_god_1s_22050_s24.wav").codec());
  }

  /** 8-bit is unsigned and sox dithers on the way down: within 2 steps of 1/128. */
  @Test
  void wavUnsigned8Bit() throws IOException {
    float[] y = load("chaos_god_1s_22050_u8.wav");
    assertEquals(TestAudio.SR, y.length);
    assertTrue(maxAbsDiff(Arrays.copyOf(ref, TestAudio.SR), y) <= 2f / 128, "u8 within 2 LSB");
  }

  @Test
  void flacIsLossless() throws IOException {
    assertEquals("FLAC 16-bit", info("chaos_god_5s_22050.flac").codec());
    assertArrayEquals(ref, load("chaos_god_5s_22050.flac"));
  }

  /** The same stereo PCM as 24-bit WAV and as 24-bit FLAC decodes identically; mono is the channel mean. */
  @Test
  void stereo24BitWavAndFlacAgreeAndAverageChannels() throws IOException {
    float[] wav = load("chaos_god_1s_44100_stereo_s24.wav");
    float[] flac = load("chaos_god_1s_44100_stereo_24bit.flac");
    assertArrayEquals(wav, flac);
    assertEquals(TestAudio.SR, wav.length);
    // L = x, R = -0.5 x, so the mean is 0.25 x; the residue is the band edge (sox up, ours down).
    float[] expected = scaled(Arrays.copyOf(ref, TestAudio.SR), 0.25f);
    assertTrue(snrDb(expected, wav, 200, TestAudio.SR - 200) > 35, "stereo mean after 44.1k -> 22.05k");
  }

  @Test
  void stereo48kWav() throws IOException {
    float[] y = load("chaos_god_1s_48000_stereo_s16.wav");
    assertEquals(TestAudio.SR, y.length);
    assertTrue(snrDb(Arrays.copyOf(ref, TestAudio.SR), y, 200, TestAudio.SR - 200) > 35);
  }

  /** JOrbis against libvorbis (oggdec, 16-bit, clipped at full scale): over 80 dB apart from clipped samples. */
  @Test
  void oggVorbisMatchesLibvorbis() throws IOException {
    float[] y = load("chaos_god_5s_22050_q6.ogg");
    float[] libvorbis = load("chaos_god_5s_22050_q6.oggdec.flac");
    assertEquals(ref.length, y.length, "trimmed to the granule position");
    double e = 0;
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      if (Math.abs(libvorbis[i]) < 0.999f) {
        double d = y[i] - libvorbis[i];
        e += d * d;
        s += (double) libvorbis[i] * libvorbis[i];
      }
    }
    assertTrue(10 * Math.log10(s / e) > 80, "JOrbis vs libvorbis");
    assertTrue(snrDb(ref, y, 0, ref.length) > 15, "q6 Vorbis vs the source");
  }

  @Test
  void oggVorbisStereo48k() throws IOException {
    float[] y = load("chaos_god_3s_48000_stereo_q4.ogg");
    assertEquals(3 * TestAudio.SR, y.length);
    assertTrue(snrDb(Arrays.copyOf(ref, y.length), y, 200, y.length - 200) > 12);
  }

  /** Gapless: same length as the source and aligned to it; JLayer within 50 dB of LAME's own decoder. */
  @Test
  void mp3IsGaplessAndMatchesLame() throws IOException {
    assertEquals("MPEG-2 layer III", info("chaos_god_5s_22050_128k.mp3").codec());
    float[] y = load("chaos_god_5s_22050_128k.mp3");
    assertEquals(ref.length, y.length);
    assertTrue(snrDb(load("chaos_god_5s_22050_128k.lamedecode.flac"), y, 0, y.length) > 50, "JLayer vs LAME");
    assertTrue(snrDb(ref, y, 0, ref.length) > 20, "128 kbit/s MP3 vs the source, no lag");
    assertTrue(snrDb(ref, shift(y, 1), 0, ref.length - 1) < snrDb(ref, y, 0, ref.length - 1), "aligned at lag 0");
  }

  @Test
  void mp3Stereo44k() throws IOException {
    assertEquals(2, info("chaos_god_5s_44100_stereo_192k.mp3").channels());
    float[] y = load("chaos_god_5s_44100_stereo_192k.mp3");
    assertEquals(ref.length, y.length);
    assertTrue(snrDb(scaled(ref, 0.25f), y, 200, ref.length - 200) > 20);
  }

  /** Raw PCM chunks (a producer's PCM_S16LE stream) decode like the same samples in a WAV. */
  @Test
  void rawPcmStream() throws IOException {
    byte[] wav = java.nio.file.Files.readAllBytes(fixture("chaos_god_1s_48000_stereo_s16.wav"));
    byte[] pcm = Arrays.copyOfRange(wav, 44, wav.length);
    PcmLayout s16 = new PcmLayout(PcmLayout.Encoding.SIGNED_INT, 2, 2);
    float[] y = new float[TestAudio.SR + 10];
    int[] n = {0};
    try (AudioDecoder d = AudioDecoders.openRawPcm(new java.io.ByteArrayInputStream(pcm), "track-7", s16, 48000, DecodeLimits.DEFAULT)) {
      AudioInput.stream(d, "track-7", (b, off, len) -> {
        System.arraycopy(b, off, y, n[0], len);
        n[0] += len;
      });
    }
    assertArrayEquals(load("chaos_god_1s_48000_stereo_s16.wav"), Arrays.copyOf(y, n[0]));
    AudioDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(AudioDecodeException.class, () -> {
      try (AudioDecoder d = AudioDecoders.openRawPcm(
          new java.io.ByteArrayInputStream(Arrays.copyOf(pcm, 4001)), "track-8", s16, 48000, DecodeLimits.DEFAULT)) {
        AudioInput.stream(d, "track-8", (b, off, len) -> {});
      }
    });
    assertTrue(e.getMessage().startsWith("track-8: truncated PCM"), e.getMessage());
  }

  private static float[] shift(float[] y, int k) {
    return Arrays.copyOfRange(y, k, y.length);
  }
}
