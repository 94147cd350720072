package dev.acpstream.topology.model;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.InvalidArtifactException;
import dev.acpstream.schemas.avro.AcpNetModel;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The models one instance scores with: the champion (every emitted score) and an optional
 * challenger (shadow scores, reported beside the champion's). Filled from {@code models.acpnet}
 * by {@link ModelUpdates} on the global thread and read by the stream threads, so a new version
 * takes effect on the next record without a restart. A version that cannot serve this instance
 * (unreadable, or trained for another image backbone) is refused and the previous one stays.
 */
public final class ModelHolder {

  /** A loaded version: its scorer and what its record said about it. */
  public record LoadedModel(String name, String version,
      dev.acpstream.core.acpnet.AcpNetModel scorer, Map<String, Double> metrics,
      boolean weaklyLabelledImages, long loadedAtMs) {}

  private final String backboneId;
  private final int imageDim;
  private final Clock clock;
  private final AtomicReference<LoadedModel> champion = new AtomicReference<>();
  private final AtomicReference<LoadedModel> challenger = new AtomicReference<>();
  private final AtomicReference<String> lastRefusal = new AtomicReference<>();
  private final AtomicLong swaps = new AtomicLong();

  /**
   * @param backboneId the backbone this instance's image features come from
   * @param imageDim its feature length
   */
  public ModelHolder(String backboneId, int imageDim, Clock clock) {
    this.backboneId = backboneId;
    this.imageDim = imageDim;
    this.clock = clock;
  }

  public Optional<LoadedModel> champion() {
    return Optional.ofNullable(champion.get());
  }

  public Optional<LoadedModel> challenger() {
    return Optional.ofNullable(challenger.get());
  }

  /** Why the last refused version was refused, if any was. */
  public Optional<String> lastRefusal() {
    return Optional.ofNullable(lastRefusal.get());
  }

  /** How many versions have been swapped in since start (the same version again does not count). */
  public long swaps() {
    return swaps.get();
  }

  /**
   * Loads {@code record} under its name (champion or challenger).
   *
   * @throws InvalidArtifactException when the version cannot serve this instance; the message
   *     names the version and the reason, and the model in place stays
   */
  public LoadedModel accept(AcpNetModel record) {
    try {
      AtomicReference<LoadedModel> slot = slot(record.getModelName());
      LoadedModel current = slot.get();
      if (current != null && current.version().equals(record.getVersion())) {
        return current; // the same version again (a restore, a re-publish): nothing to swap
      }
      AcpNetArtifact artifact = ModelRecords.artifact(record);
      AcpNetConfig config = artifact.weights().config();
      if (config.imageDim() != imageDim || !config.backboneId().equals(backboneId)) {
        throw new InvalidArtifactException("model '" + record.getModelName() + "' version '"
            + record.getVersion() + "' was trained on image backbone '" + config.backboneId()
            + "' (" + config.imageDim() + " features); this instance runs '" + backboneId + "' ("
            + imageDim + " features)");
      }
      LoadedModel loaded = new LoadedModel(record.getModelName(), record.getVersion(),
          artifact.model(), Map.copyOf(record.getMetrics()), artifact.info().weaklyLabelledImages(),
          clock.millis());
      slot.set(loaded);
      swaps.incrementAndGet();
      return loaded;
    } catch (InvalidArtifactException e) {
      lastRefusal.set(e.getMessage());
      throw e;
    }
  }

  /** A tombstone: the named model is withdrawn (a champion is only ever replaced, never removed). */
  public void withdraw(String modelName) {
    if (ModelRecords.CHALLENGER.equals(modelName)) {
      challenger.set(null);
    }
  }

  private AtomicReference<LoadedModel> slot(String modelName) {
    if (ModelRecords.CHAMPION.equals(modelName)) {
      return champion;
    }
    if (ModelRecords.CHALLENGER.equals(modelName)) {
      return challenger;
    }
    throw new InvalidArtifactException("model name '" + modelName + "' is neither '"
        + ModelRecords.CHAMPION + "' nor '" + ModelRecords.CHALLENGER + "'");
  }
}
