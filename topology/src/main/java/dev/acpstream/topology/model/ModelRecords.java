package dev.acpstream.topology.model;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.InvalidArtifactException;
import dev.acpstream.schemas.Digests;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.BlobReference;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.avro.TrainingSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The contract between whoever publishes a model (the trainer, {@code bin/acp model publish}) and
 * the topology that loads it: an {@link AcpNetModel} record on {@code models.acpnet} whose
 * artifact is an {@link AcpNetArtifact} archive, inline or as a {@code file:} reference with its
 * SHA-256 (for archives too large for the topic, on storage every instance shares).
 */
public final class ModelRecords {

  /** The one artifact format this build loads: the archive format and its version. */
  public static final String ARTIFACT_FORMAT =
      AcpNetArtifact.FORMAT + "-v" + AcpNetArtifact.FORMAT_VERSION;
  /** Key of the model that produces every emitted score. */
  public static final String CHAMPION = "champion";
  /** Key of the shadow model: scored alongside the champion, reported, never emitted on its own. */
  public static final String CHALLENGER = "challenger";

  private ModelRecords() {}

  /** A record carrying {@code artifact} inline. */
  public static AcpNetModel inline(String modelName, String version, AcpNetArtifact artifact,
      Map<String, Double> metrics, TrainingSummary training) {
    return inline(modelName, version, artifact.toBytes(), metrics, training);
  }

  /**
   * A record for an archive published by hand (the CLI, the demo, {@code acp serve}): its numeric
   * metrics, and a summary that points at the archive's own header for how it was trained.
   *
   * @param artifactBytes the archive's bytes ({@code artifact} serialized), sent as they are
   */
  public static AcpNetModel published(String modelName, String version, AcpNetArtifact artifact,
      byte[] artifactBytes, String notes) {
    Map<String, Double> metrics = new java.util.HashMap<>();
    artifact.info().metrics().forEach((k, v) -> {
      if (v instanceof Number n) {
        metrics.put(k, n.doubleValue());
      }
    });
    TrainingSummary summary = TrainingSummary.newBuilder()
        .setDatasets(java.util.List.of(String.valueOf(artifact.info().trainingData().getOrDefault("datasets", "unknown"))))
        .setTrainPairs(0).setValidationPairs(0).setEpochs(0).setSeed(0).setDurationMillis(0)
        .setEngine("see the archive's " + AcpNetArtifact.HEADER_ENTRY).setNotes(notes).build();
    return inline(modelName, version, artifactBytes, metrics, summary);
  }

  /** A record carrying the archive bytes {@code artifactBytes} inline. */
  public static AcpNetModel inline(String modelName, String version, byte[] artifactBytes,
      Map<String, Double> metrics, TrainingSummary training) {
    return record(modelName, version, metrics, training,
        InlineBytes.newBuilder().setData(ByteBuffer.wrap(artifactBytes)).build());
  }

  /** A record pointing at the archive {@code file}, with its size and SHA-256 for the loader to verify. */
  public static AcpNetModel byReference(String modelName, String version, Path file,
      Map<String, Double> metrics, TrainingSummary training) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return record(modelName, version, metrics, training,
        BlobReference.newBuilder()
            .setUri(file.toAbsolutePath().toUri().toString())
            .setSizeBytes((long) bytes.length)
            .setSha256(Digests.sha256Hex(bytes))
            .build());
  }

  private static AcpNetModel record(String modelName, String version, Map<String, Double> metrics,
      TrainingSummary training, Object artifact) {
    return AcpNetModel.newBuilder()
        .setModelName(modelName)
        .setVersion(version)
        .setCreatedAt(Instant.now())
        .setMetrics(Map.copyOf(metrics))
        .setTraining(training)
        .setArtifactFormat(ARTIFACT_FORMAT)
        .setArtifact(artifact)
        .build();
  }

  /**
   * The archive a record carries, verified and parsed.
   *
   * @throws InvalidArtifactException naming the version and what is wrong: unknown format, a
   *     reference that is not {@code file:}, unreadable, of the wrong size or digest, or bytes
   *     that are not an archive this build loads
   */
  public static AcpNetArtifact artifact(AcpNetModel record) {
    String where = "model '" + record.getModelName() + "' version '" + record.getVersion() + "'";
    if (!ARTIFACT_FORMAT.equals(record.getArtifactFormat())) {
      throw new InvalidArtifactException(where + ": artifact format '" + record.getArtifactFormat()
          + "' is not the one this build loads (" + ARTIFACT_FORMAT + ")");
    }
    byte[] bytes = bytes(where, record.getArtifact());
    try {
      return AcpNetArtifact.fromBytes(bytes);
    } catch (InvalidArtifactException e) {
      throw new InvalidArtifactException(where + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String where, Object artifact) {
    if (artifact instanceof InlineBytes inline) {
      ByteBuffer b = inline.getData().duplicate();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    }
    BlobReference ref = (BlobReference) artifact;
    if (!ref.getUri().startsWith("file:")) {
      throw new InvalidArtifactException(where + ": only file: references are loadable, got " + ref.getUri());
    }
    Path path;
    byte[] bytes;
    try {
      path = Path.of(java.net.URI.create(ref.getUri()));
      bytes = Files.readAllBytes(path);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArtifactException(where + ": cannot read " + ref.getUri() + ": " + e.getMessage(), e);
    }
    if (ref.getSizeBytes() != null && ref.getSizeBytes() != bytes.length) {
      throw new InvalidArtifactException(where + ": " + ref.getUri() + " has " + bytes.length
          + " bytes, the record says " + ref.getSizeBytes());
    }
    if (ref.getSha256() != null && !ref.getSha256().equalsIgnoreCase(Digests.sha256Hex(bytes))) {
      throw new InvalidArtifactException(where + ": " + ref.getUri() + " does not match its SHA-256");
    }
    return bytes;
  }

}
