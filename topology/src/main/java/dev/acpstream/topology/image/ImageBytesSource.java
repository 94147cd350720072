package dev.acpstream.topology.image;

import dev.acpstream.schemas.avro.BlobReference;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.topology.errors.Rejection;
import dev.acpstream.topology.errors.Rejection.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.acpstream.schemas.Digests;
import java.util.List;

/**
 * The encoded bytes of an image upload: inline, or read from a {@code file:} reference that must
 * lie under one of the configured roots (a record must not make the service read arbitrary files)
 * and, when the reference carries one, match its SHA-256.
 */
public final class ImageBytesSource {

  private final List<Path> allowedRoots;
  private final long maxBytes;

  public ImageBytesSource(List<Path> allowedRoots, long maxBytes) {
    this.allowedRoots = List.copyOf(allowedRoots);
    this.maxBytes = maxBytes;
  }

  public byte[] read(String mediaId, Object content) throws Rejection {
    if (content instanceof InlineBytes inline) {
      ByteBuffer data = inline.getData().duplicate();
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      return bytes;
    }
    if (content instanceof BlobReference ref) {
      return readReference(mediaId, ref);
    }
    throw new Rejection(Reason.BAD_REFERENCE, "image '" + mediaId + "': content is neither inline bytes nor a reference");
  }

  private byte[] readReference(String mediaId, BlobReference ref) throws Rejection {
    String who = "image '" + mediaId + "' reference '" + ref.getUri() + "'";
    Path path;
    try {
      URI uri = URI.create(ref.getUri());
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        throw new Rejection(Reason.BAD_REFERENCE, who + ": only file: references are read by the topology");
      }
      path = Path.of(uri).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new Rejection(Reason.BAD_REFERENCE, who + ": not a valid file URI (" + e.getMessage() + ")", e);
    }
    try {
      Path real = path.toRealPath();
      boolean allowed = allowedRoots.stream().anyMatch(root -> real.startsWith(realOrSelf(root)));
      if (!allowed) {
        throw new Rejection(Reason.BAD_REFERENCE,
            who + ": outside the allowed roots " + allowedRoots + " (acp.image.reference.roots)");
      }
      long size = Files.size(real);
      if (size > maxBytes) {
        throw new Rejection(Reason.IMAGE_TOO_LARGE, who + ": " + size + " bytes, over the limit of " + maxBytes);
      }
      byte[] bytes = Files.readAllBytes(real);
      if (ref.getSha256() != null) {
        String actual = Digests.sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(ref.getSha256())) {
          throw new Rejection(Reason.BAD_REFERENCE, who + ": SHA-256 is " + actual + ", the reference says " + ref.getSha256());
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new Rejection(Reason.BAD_REFERENCE, who + ": cannot read (" + e + ")", e);
    }
  }

  private static Path realOrSelf(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root;
    }
  }
}
