package dev.acpstream.topology;

import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.CRC32;

/** Uploads of the bundled sample photos, and a bad image. */
public final class TestImages {

  public static final Path PHOTOS =
      Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples/images");

  private TestImages() {}

  /** {@code samples/images/<photo>} uploaded inline as {@code mediaId} under {@code pairingKey}. */
  public static ImageUpload upload(String mediaId, String pairingKey, String photo, long uploadedAtMs) {
    try {
      return ImageUpload.newBuilder().setMediaId(mediaId).setPairingKey(pairingKey)
          .setContentType("image/jpeg")
          .setContent(new InlineBytes(ByteBuffer.wrap(Files.readAllBytes(PHOTOS.resolve(photo)))))
          .setUploadedAt(Instant.ofEpochMilli(uploadedAtMs)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid PNG signature and IHDR declaring {@code w} x {@code h} pixels, and no pixel data: a
   * decompression bomb's header.
   */
  public static byte[] pngHeader(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
    out.writeBytes(ihdr.array());
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }
}
