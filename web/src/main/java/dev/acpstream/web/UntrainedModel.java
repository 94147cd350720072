package dev.acpstream.web;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.core.image.AffectDescriptor;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.TrainingSummary;
import dev.acpstream.topology.model.ModelRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A seeded random ACP-Net for the affect backbone, so the page and the API can be tried (and
 * tested) end to end before a model is trained. Its scores and emotions mean nothing: its
 * version says "untrained" wherever it is shown.
 */
public final class UntrainedModel {

  private UntrainedModel() {}

  public static AcpNetModel champion(long seed) {
    AcpNetArtifact artifact = new AcpNetArtifact(
        RandomWeights.of(AcpNetConfig.paper(AffectBackbone.ID, AffectDescriptor.DIM), seed, true),
        new ArtifactInfo(Instant.now(), true, Map.of("seed", seed), Map.of()));
    TrainingSummary none = TrainingSummary.newBuilder().setDatasets(List.of("none")).setTrainPairs(0)
        .setValidationPairs(0).setEpochs(0).setSeed(seed).setDurationMillis(0)
        .setEngine("none (seeded random weights)").setNotes("untrained: for trying the pipeline only").build();
    return ModelRecords.inline(ModelRecords.CHAMPION, "untrained-seed-" + seed, artifact, Map.of(), none);
  }
}
