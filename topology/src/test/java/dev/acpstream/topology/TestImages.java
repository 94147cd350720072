package dev.acpstream.topology;

import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Uploads of the bundled sample photos. */
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
}
