package dev.acpstream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaSnifferTest {

  @Test
  void tellsTheSamplesAndOtherFilesApartByTheirBytes() throws Exception {
    assertEquals(Optional.of(MediaSniffer.ImageType.JPEG), MediaSniffer.image(TestMedia.imageBytes("Autumn.jpg")));
    byte[] mp3 = Files.readAllBytes(TestMedia.song("muldjord_chaos_god.mp3"));
    assertEquals(Optional.of(MediaSniffer.AudioType.MP3), MediaSniffer.audio(mp3));
    assertEquals(Optional.empty(), MediaSniffer.image(mp3));
    assertEquals(Optional.of(MediaSniffer.AudioType.WAV), MediaSniffer.audio(TestMedia.toneWav(0.01, 8000)));
    assertEquals(Optional.of(MediaSniffer.ImageType.PNG),
        MediaSniffer.image(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}));
    assertEquals("MP3 audio", MediaSniffer.describe(mp3));
    assertEquals("a JPEG image", MediaSniffer.describe(TestMedia.imageBytes("Autumn.jpg")));
    assertEquals("text", MediaSniffer.describe("hello, world\n".getBytes()));
    assertEquals("a PDF document", MediaSniffer.describe("%PDF-1.7".getBytes()));
    assertEquals("empty", MediaSniffer.describe(new byte[0]));
    assertEquals("unrecognised bytes", MediaSniffer.describe(new byte[] {0, 1, 2, 3}));
  }

  @Test
  void idsAreCheckedAndMadeFromFileNames() {
    assertEquals("track:a.mp3:0", Ids.check("id", "track:a.mp3:0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Ids.check("mediaId", "../x")).getMessage()
        .contains("mediaId '../x' may hold only"));
    assertThrows(IllegalArgumentException.class, () -> Ids.check("mediaId", ""));
    assertThrows(IllegalArgumentException.class, () -> Ids.check("mediaId", "x".repeat(129)));
    assertEquals("image:My_photo__1_.jpg", Ids.fromFileName("image:", "My photo (1).jpg"));
    assertTrue(Ids.fresh("image:").matches("image:[0-9a-f]{12}"));
  }
}
