package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.ItemSplit;
import dev.acpstream.core.dataset.LabelledFeatures;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {

  @Test
  void probeLearnsSeparableClasses() {
    LabelledFeatures d = TinyData.clusters("m", 30, 40, 3);
    ItemSplit s = ItemSplit.paper(d.labels(), 1);
    Standardizer n = Standardizer.fit(AcpNetTrainer.pick(d.features(), s.train()));
    float[][] x = java.util.Arrays.stream(d.features()).map(n::apply).toArray(float[][]::new);
    ClassifierTrainer.Result r = ClassifierTrainer.train(
        AcpNetTrainer.pick(x, s.train()), AcpNetTrainer.pick(d.labels(), s.train()),
        AcpNetTrainer.pick(x, s.validation()), AcpNetTrainer.pick(d.labels(), s.validation()), 3,
        ClassifierTrainer.Options.probe(4));
    System.err.println("probe val " + r.validationAccuracy() + " epochs " + r.epochsRun());
    assertTrue(r.validationAccuracy() >= 0.9, "validation accuracy " + r.validationAccuracy());
    EmotionProbe p = new EmotionProbe(d.classNames(), r.mlp());
    int[] pred = p.classify(AcpNetTrainer.flatten(AcpNetTrainer.pick(x, s.test())), s.test().length);
    int ok = 0;
    for (int i = 0; i < pred.length; i++) {
      ok += pred[i] == d.labels()[s.test()[i]] ? 1 : 0;
    }
    assertTrue(ok >= 0.9 * pred.length, ok + " of " + pred.length);
  }
}
