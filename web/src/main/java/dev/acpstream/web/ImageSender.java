package dev.acpstream.web;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.BlobReference;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import dev.acpstream.schemas.Digests;

/**
 * Checks an image and sends it to {@code media.images}. Small images travel inline; larger ones
 * (over what a record of the topic may carry) are kept in the {@link MediaStore} and sent as a
 * {@code file:} reference with size and SHA-256, which the topology reads when the store's
 * directory is one of its {@code acp.image.reference.roots}.
 */
public final class ImageSender {

  /** Below the broker's default 1 MiB record limit with room for the record around the bytes. */
  public static final int INLINE_MAX_BYTES = 1_000_000;

  /** What was sent. */
  public record Sent(String mediaId, MediaSniffer.ImageType type, long bytes, boolean inline, Path stored) {}

  private final MediaProducers producers;
  private final MediaStore store;
  private final long maxBytes;

  /**
   * @param store where images are kept; null keeps none (then only inline-sized images are sent)
   * @param maxBytes the largest image accepted
   */
  public ImageSender(MediaProducers producers, MediaStore store, long maxBytes) {
    this.producers = producers;
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /**
   * Refuses, naming {@code source}, what is no image, empty or too large; otherwise sends it and
   * waits for Kafka's acknowledgement.
   *
   * @param source how the client named the file, for errors
   * @throws ApiException 400 empty, 413 too large, 415 not an image; nothing is sent then
   */
  public Sent send(String source, byte[] data, String mediaId, String pairingKey) throws IOException {
    MediaSniffer.ImageType type = check(source, data, maxBytes);
    Path stored = store != null ? store.saveImage(mediaId, type, data) : null;
    boolean inline = data.length <= INLINE_MAX_BYTES;
    if (!inline && stored == null) {
      throw ApiException.tooLarge(source, source + ": " + data.length + " bytes is more than the "
          + INLINE_MAX_BYTES + " an inline image may have, and no media directory is set for a reference");
    }
    Object content = inline
        ? new InlineBytes(ByteBuffer.wrap(data))
        : BlobReference.newBuilder().setUri(stored.toUri().toString()).setSizeBytes((long) data.length)
            .setSha256(Digests.sha256Hex(data)).build();
    ImageUpload upload = ImageUpload.newBuilder()
        .setMediaId(mediaId)
        .setPairingKey(pairingKey)
        .setContentType(type.mimeType)
        .setContent(content)
        .setUploadedAt(Instant.now())
        .build();
    producers.send(Topics.MEDIA_IMAGES, mediaId, upload);
    return new Sent(mediaId, type, data.length, inline, stored);
  }

  /** The image's type, or an {@link ApiException} naming {@code source}. */
  public static MediaSniffer.ImageType check(String source, byte[] data, long maxBytes) {
    if (data.length == 0) {
      throw ApiException.badRequest(source, source + ": the file is empty");
    }
    if (data.length > maxBytes) {
      throw ApiException.tooLarge(source, source + ": " + data.length + " bytes is more than the "
          + maxBytes + " an image may have");
    }
    return MediaSniffer.image(data).orElseThrow(() -> ApiException.unsupported(source, source
        + ": not an image acp-stream reads (JPEG, PNG, GIF, BMP, WebP); the bytes look like "
        + MediaSniffer.describe(data)));
  }

}
