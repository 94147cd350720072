package dev.acpstream.topology;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.TrainingSummary;
import dev.acpstream.topology.model.ModelRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Untrained (seeded random) ACP-Nets for the affect backbone: the topology's plumbing needs no training. */
public final class TestModels {

  private TestModels() {}

  public static AcpNetArtifact artifact(long seed) {
    return artifact(AcpNetConfig.paper("affect", 42), seed);
  }

  public static AcpNetArtifact artifact(AcpNetConfig config, long seed) {
    return new AcpNetArtifact(RandomWeights.of(config, seed, true),
        new ArtifactInfo(Instant.parse("2026-01-01T00:00:00Z"), true, Map.of("seed", seed), Map.of()));
  }

  public static AcpNetModel record(String name, String version, AcpNetArtifact artifact) {
    return ModelRecords.inline(name, version, artifact, Map.of("holdout.accuracy", 0.5), summary());
  }

  public static AcpNetModel record(String name, String version, long seed) {
    return record(name, version, artifact(seed));
  }

  public static TrainingSummary summary() {
    return TrainingSummary.newBuilder().setDatasets(List.of("random-init")).setTrainPairs(0)
        .setValidationPairs(0).setEpochs(0).setSeed(0).setDurationMillis(0)
        .setEngine("none (seeded random weights)").build();
  }
}
