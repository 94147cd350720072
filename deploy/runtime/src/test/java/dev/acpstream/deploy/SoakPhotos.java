package dev.acpstream.deploy;

import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The photos the drill pairs with its songs: each track gets its own pairing key (its track id)
 * and {@code perTrack} sample photos under it, so every segment of every track must be scored
 * exactly {@code perTrack} times, by whichever instance owns that key's pairing partition.
 */
final class SoakPhotos {

  private SoakPhotos() {}

  /** {@code perTrack} uploads for each clip, the checkout's samples/images/*.jpg taken in turn. */
  static List<ImageUpload> forClips(List<SongClips.Clip> clips, String prefix, int perTrack) throws IOException {
    List<Path> photos = samplePhotos();
    List<ImageUpload> uploads = new ArrayList<>();
    int next = 0;
    for (SongClips.Clip clip : clips) {
      for (int i = 0; i < perTrack; i++, next++) {
        Path photo = photos.get(next % photos.size());
        uploads.add(ImageUpload.newBuilder()
            .setMediaId(prefix + "photo-" + next + "-" + photo.getFileName())
            .setPairingKey(clip.trackId())
            .setContentType("image/jpeg")
            .setContent(new InlineBytes(ByteBuffer.wrap(Files.readAllBytes(photo))))
            .setUploadedAt(Instant.now())
            .build());
      }
    }
    return uploads;
  }

  /** The score keys {@link KillScenario} expects: each segment of a track with each photo under its key. */
  static List<String> expectedScoreKeys(SongClips.Clip clip, List<ImageUpload> uploads) {
    List<String> keys = new ArrayList<>();
    for (ImageUpload u : uploads) {
      if (clip.trackId().contentEquals(u.getPairingKey())) {
        clip.expectedKeys().forEach(segment -> keys.add(scoreKey(segment, u.getMediaId().toString())));
      }
    }
    return keys;
  }

  /** One scored pair: the segment's key and the image's id. */
  static String scoreKey(String segmentKey, String imageId) {
    return segmentKey + " x " + imageId;
  }

  private static List<Path> samplePhotos() throws IOException {
    Path dir = Path.of(System.getProperty("acp.project.dir", "../..")).resolve("samples/images");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> photos = files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
      if (photos.isEmpty()) {
        throw new IllegalStateException("no .jpg under " + dir.toAbsolutePath());
      }
      return photos;
    }
  }
}
