package dev.acpstream.core.acpnet;

import java.nio.file.Path;

/**
 * Run in a second JVM by {@link AcpNetArtifactTest}: loads an artifact file and prints the scores
 * of seeded pairs as raw float bits, one per line, so the parent can compare them exactly.
 */
public final class ScoreArtifactMain {

  private ScoreArtifactMain() {}

  public static void main(String[] args) throws Exception {
    AcpNetArtifact a = AcpNetArtifact.load(Path.of(args[0]));
    for (float s : AcpNetArtifactTest.scores(a.model())) {
      System.out.println(Float.floatToRawIntBits(s));
    }
    System.out.println("weak=" + a.info().weaklyLabelledImages());
    System.out.println("probe=" + a.model().embedMusic(
        RandomWeights.features(1, a.weights().config().musicDim(), 3)[0]).emotion().label());
    System.out.flush();
  }
}
