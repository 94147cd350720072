package dev.acpstream.cli;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends image files to {@code media.images} as {@link ImageUpload}s with the bytes inline: the
 * topology decodes them itself (and dead-letters what it cannot), so the client only reads files.
 */
final class ImageIngest {

  /** What was sent for one image. */
  record Image(String mediaId, Path file, long bytes) {}

  private final Producer<String, ImageUpload> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  ImageIngest(Producer<String, ImageUpload> producer) {
    this.producer = producer;
  }

  /** Sends {@code file} (asynchronously: call {@link #flush()} to know it arrived). */
  Image send(Path file, String mediaId, String pairingKey) throws IOException {
    byte[] data = Files.readAllBytes(file);
    ImageUpload upload =
        ImageUpload.newBuilder()
            .setMediaId(mediaId)
            .setPairingKey(pairingKey)
            .setContentType(SampleMedia.contentType(file))
            .setContent(new InlineBytes(ByteBuffer.wrap(data)))
            .setUploadedAt(Instant.now())
            .build();
    producer.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), mediaId, upload), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
    return new Image(mediaId, file, data.length);
  }

  /** Waits until every image sent so far is acknowledged; rethrows the first send failure. */
  void flush() throws IOException {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("sending images to " + Topics.MEDIA_IMAGES.name() + " failed: " + e.getMessage(), e);
    }
  }
}
