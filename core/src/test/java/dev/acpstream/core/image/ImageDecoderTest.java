package dev.acpstream.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void decodesAllFifteenSamplePhotos() throws Exception {
    var photos = Samples.photos();
    assertEquals(15, photos.size());
    for (Path photo : photos) {
      DecodedImage image = decoder.decode(photo);
      assertEquals(640, image.width(), photo.toString());
      assertEquals(400, image.height(), photo.toString());
    }
  }

  @Test
  void colourJpegPixelsEqualImageIosOwnConversion() throws Exception {
    Path photo = Samples.images().resolve("ColorfulCups.jpg");
    java.awt.image.BufferedImage reference = javax.imageio.ImageIO.read(photo.toFile());
    int[] expected = reference.getRGB(0, 0, reference.getWidth(), reference.getHeight(), null, 0, reference.getWidth());
    for (int i = 0; i < expected.length; i++) {
      expected[i] &= 0xFFFFFF;
    }
    assertArrayEquals(expected, decoder.decode(photo).rgb());
  }

  @ParameterizedTest
  @ValueSource(strings = {"progressive.jpg", "cmyk.jpg", "grey.jpg", "palette.bmp", "truecolor.bmp", "photo.png",
      "lossy.webp", "lossless.webp"})
  void everyFormatDecodesToTheSamePicture(String name) throws Exception {
    DecodedImage reference = decoder.decode(Samples.format("photo.png"));
    DecodedImage image = decoder.decode(Samples.format(name));
    assertEquals(64, image.width());
    assertEquals(40, image.height());
    // Lossy encodings and the palette differ from the PNG in detail, but each must be the same photo.
    double tolerance = name.startsWith("palette") ? 20 : 12;
    assertTrue(meanAbsDifference(reference, image, name.startsWith("grey")) < tolerance,
        name + " differs from the PNG by " + meanAbsDifference(reference, image, name.startsWith("grey")));
  }

  @Test
  void cmykJpegIsConvertedToRgbNotShownAsInvertedChannels() throws Exception {
    DecodedImage rgb = decoder.decode(Samples.format("photo.png"));
    DecodedImage cmyk = decoder.decode(Samples.format("cmyk.jpg"));
    assertTrue(meanAbsDifference(rgb, cmyk, false) < 12, "CMYK decoded far from the RGB original");
  }

  @Test
  void greyscaleJpegHasEqualChannels() throws Exception {
    DecodedImage grey = decoder.decode(Samples.format("grey.jpg"));
    for (int p : grey.rgb()) {
      assertEquals((p >> 16) & 0xFF, (p >> 8) & 0xFF);
      assertEquals((p >> 8) & 0xFF, p & 0xFF);
    }
  }

  @Test
  void animatedGifGivesItsFirstFrame() throws Exception {
    DecodedImage gif = decoder.decode(Samples.format("two-frames.gif"));
    assertEquals(8, gif.width());
    for (int p : gif.rgb()) {
      assertEquals(0xFF0000, p);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"alpha.png", "alpha.webp"})
  void alphaIsCompositedOverWhite(String name) throws Exception {
    DecodedImage image = decoder.decode(Samples.format(name));
    // transparent -> white; red at alpha 102/255 over white -> (255, 153, 153); opaque blue stays blue.
    assertArrayEquals(new int[] {0xFFFFFF, 0xFF9999, 0x0000FF}, image.rgb());
  }

  /**
   * Stored: 40x20, red block in the top-left 20x10. Where the red block must appear once displayed
   * (quadrant column, row in a 2x2 grid of the displayed image), per EXIF orientation.
   */
  @ParameterizedTest
  @CsvSource({"1,40,20,0,0", "2,40,20,1,0", "3,40,20,1,1", "4,40,20,0,1",
      "5,20,40,0,0", "6,20,40,1,0", "7,20,40,1,1", "8,20,40,0,1"})
  void exifOrientationIsApplied(int orientation, int w, int h, int redColumn, int redRow) throws Exception {
    DecodedImage image = decoder.decode(Samples.format("orient-" + orientation + ".jpg"));
    assertEquals(w, image.width());
    assertEquals(h, image.height());
    for (int col = 0; col < 2; col++) {
      for (int row = 0; row < 2; row++) {
        int p = image.rgbAt(col * w / 2 + w / 4, row * h / 2 + h / 4);
        boolean red = ((p >> 16) & 0xFF) > 200 && (p & 0xFF) < 60;
        assertEquals(col == redColumn && row == redRow, red,
            "orientation " + orientation + " quadrant " + col + "," + row + " is #" + Integer.toHexString(p));
      }
    }
  }

  @Test
  void zeroBytesAreRefusedByName(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jpg"));
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(empty));
    assertTrue(e.getMessage().startsWith(empty.toString()) && e.getMessage().contains("0 bytes"), e.getMessage());
  }

  @Test
  void truncatedJpegIsAnErrorNotAGreyPicture() throws Exception {
    byte[] full = Files.readAllBytes(Samples.images().resolve("Autumn.jpg"));
    byte[] half = Arrays.copyOf(full, full.length / 2);
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode("half-autumn.jpg", half));
    assertTrue(e.getMessage().startsWith("half-autumn.jpg: JPEG is damaged or truncated"), e.getMessage());
  }

  @Test
  void truncatedPngIsAnError() throws Exception {
    byte[] full = Files.readAllBytes(Samples.format("photo.png"));
    byte[] part = Arrays.copyOf(full, full.length * 2 / 3);
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode("part.png", part));
    assertTrue(e.getMessage().startsWith("part.png: PNG is damaged or truncated"), e.getMessage());
  }

  @Test
  void randomBytesAreNotAnImage() {
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode("noise.bin", noise));
    assertTrue(e.getMessage().startsWith("noise.bin: not a JPEG, PNG, GIF, BMP or WebP image"), e.getMessage());
  }

  @Test
  void randomBytesBehindAJpegSignatureAreDamagedJpeg() {
    byte[] noise = new byte[4096];
    new Random(2).nextBytes(noise);
    noise[0] = (byte) 0xFF;
    noise[1] = (byte) 0xD8;
    noise[2] = (byte) 0xFF;
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode("fake.jpg", noise));
    assertTrue(e.getMessage().startsWith("fake.jpg: JPEG is damaged or truncated"), e.getMessage());
  }

  @Test
  void wrongContentTypeIsNamed(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jpg"), "these are not pixels\n");
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(text));
    assertTrue(e.getMessage().contains("notes.jpg") && e.getMessage().contains("looks like text"), e.getMessage());

    byte[] mp3 = "ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
    var audio = assertThrows(ImageDecodeException.class, () -> decoder.decode("song.png", mp3));
    assertTrue(audio.getMessage().contains("looks like MP3 audio"), audio.getMessage());
  }

  @Test
  void declaredContentTypeThatIsNotAnImageIsRefusedAndAnImageTypeDefersToTheBytes() throws Exception {
    byte[] png = Files.readAllBytes(Samples.format("photo.png"));
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode("upload-7", png, "audio/mpeg"));
    assertEquals("upload-7: content type 'audio/mpeg' is not an image", e.getMessage());
    assertEquals(64, decoder.decode("upload-8", png, "image/jpeg").width()); // mislabelled, but a real PNG
    assertEquals(64, decoder.decode("upload-9", png, null).width());
    var text = assertThrows(ImageDecodeException.class,
        () -> decoder.decode("upload-10", "<html></html>".getBytes(StandardCharsets.UTF_8), "image/png"));
    assertTrue(text.getMessage().contains("looks like text"), text.getMessage());
  }

  @Test
  void decompressionBombPngIsRefusedFromItsHeaderQuickly() {
    byte[] bomb = pngHeader(60000, 60000);
    var e = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(ImageDecodeException.class, () -> decoder.decode("bomb.png", bomb)));
    assertTrue(e.getMessage().contains("60000x60000") && e.getMessage().contains("decompression bomb"), e.getMessage());
  }

  @Test
  void decompressionBombJpegIsRefusedFromItsHeaderQuickly() {
    byte[] bomb = jpegHeader(60000, 60000);
    var e = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(ImageDecodeException.class, () -> decoder.decode("bomb.jpg", bomb)));
    assertTrue(e.getMessage().contains("60000x60000") && e.getMessage().contains("decompression bomb"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GIF", "BMP", "WEBP"})
  void decompressionBombHeadersOfTheOtherFormatsAreRefusedToo(String format) {
    byte[] bomb = switch (format) {
      case "GIF" -> gifHeader(60000, 60000);
      case "BMP" -> bmpHeader(60000, 60000);
      default -> webpHeader(60000, 60000);
    };
    var e = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(ImageDecodeException.class, () -> decoder.decode("bomb", bomb)));
    assertTrue(e.getMessage().startsWith("bomb: " + format + " header declares 60000x60000"), e.getMessage());
  }

  @Test
  void pixelBudgetIsConfigurable() throws Exception {
    ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 640 * 400 - 1));
    Path photo = Samples.images().resolve("Kite.jpg");
    var e = assertThrows(ImageDecodeException.class, () -> small.decode(photo));
    assertTrue(e.getMessage().contains("640x400"), e.getMessage());
    assertEquals(640, new ImageDecoder(new ImageLimits(1 << 20, 640 * 400)).decode(photo).width());
  }

  @Test
  void byteBudgetIsChecked() {
    ImageDecoder tiny = new ImageDecoder(new ImageLimits(100, 1000));
    var e = assertThrows(ImageDecodeException.class, () -> tiny.decode(Samples.images().resolve("Kite.jpg")));
    assertTrue(e.getMessage().contains("exceeds the limit of 100 bytes"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = Samples.images().resolve("no-such.jpg");
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(missing));
    assertTrue(e.getMessage().startsWith(missing.toString()) && e.getMessage().contains("no such file"));
  }

  private static double meanAbsDifference(DecodedImage a, DecodedImage b, boolean luminanceOnly) {
    double sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      int p = a.rgb()[i];
      int q = b.rgb()[i];
      if (luminanceOnly) {
        sum += Math.abs(luma(p) - luma(q));
      } else {
        sum += (Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF))
            + Math.abs((p & 0xFF) - (q & 0xFF))) / 3.0;
      }
    }
    return sum / a.rgb().length;
  }

  private static double luma(int p) {
    return 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
  }

  /** A PNG signature and a valid IHDR claiming the given size, and no pixel data at all. */
  static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
    out.writeBytes(ihdr.array());
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }

  /** GIF89a screen and first image descriptor of the given size, and no image data. */
  static byte[] gifHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(6 + 7 + 10 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
        .put((byte) 0).put((byte) 2);
    return b.array();
  }

  /** BMP file header and BITMAPINFOHEADER for a 24-bit image of the given size, and no pixels. */
  static byte[] bmpHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(14 + 40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(54 + width * 3 * height).putInt(0).putInt(54);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
        .putInt(2835).putInt(2835).putInt(0).putInt(0);
    return b.array();
  }

  /** RIFF/WEBP with a VP8X chunk declaring the canvas size, and nothing else. */
  static byte[] webpHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + 10).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
    int w = width - 1;
    int h = height - 1;
    b.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16)).put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
    return b.array();
  }

  /** SOI and a baseline SOF0 claiming the given size, three components, and nothing after it. */
  static byte[] jpegHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(2 + 2 + 17);
    b.put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF).put((byte) 0xC0).putShort((short) 17).put((byte) 8)
        .putShort((short) height).putShort((short) width).put((byte) 3);
    for (int c = 1; c <= 3; c++) {
      b.put((byte) c).put((byte) 0x11).put((byte) 0);
    }
    return b.array();
  }
}
