package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetTrainer;
import dev.acpstream.core.acpnet.EpochStats;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.TrainingReport;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The paper's Table 4 protocol: ACP-Net, Spectrogram-ACP and L3-Net trained and tested on the same
 * items. Each model sees its own representation of the same music clips and the same images;
 * since both trainers ({@link AcpNetTrainer}, {@link L3NetTrainer}) split items by (labels, seed)
 * the same way, identical ids, labels and seed give every model the identical 70/10/20 split (the
 * identical items are checked here, not assumed), and the same options give the same pair
 * sampling, optimiser, epochs cap and early stopping.
 */
public final class CorrespondenceEvaluation {

  /** The same items in each model's representation. */
  public record Inputs(LabelledFeatures music193, LabelledFeatures musicSpectrogram,
      LabelledFeatures musicL3Spectrogram, LabelledFeatures imageBackbone, String backboneId,
      LabelledFeatures imagePixels, String pixelsId) {

    public Inputs {
      sameItems("music", music193, musicSpectrogram);
      sameItems("music", music193, musicL3Spectrogram);
      sameItems("image", imageBackbone, imagePixels);
    }
  }

  /** The three architectures, in Table 4's order. */
  public record Models(AcpNetConfig acpNet, AcpNetConfig spectrogramAcp, L3NetConfig l3Net) {

    /** The paper's ACP-Net and the baselines as {@link Baselines} defines them, for these inputs. */
    public static Models paper(Inputs in) {
      return new Models(AcpNetConfig.paper(in.backboneId(), in.imageBackbone().dim()),
          Baselines.spectrogramAcp(in.backboneId(), in.imageBackbone().dim(), in.musicSpectrogram().dim()),
          Baselines.l3Net());
    }
  }

  /** One model's row of Table 4. */
  public record ModelResult(String model, String musicInput, String imageInput, String architecture,
      double testAccuracy, double validationAccuracy, int bestEpoch, int epochsRun) {}

  private final Clock clock;

  public CorrespondenceEvaluation(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param progress told (model name, epoch) after each epoch
   */
  public List<ModelResult> run(Inputs in, boolean weaklyLabelledImages, TrainingOptions options,
      BiConsumer<String, EpochStats> progress) {
    return run(in, Models.paper(in), weaklyLabelledImages, options, progress);
  }

  /** As {@link #run(Inputs, boolean, TrainingOptions, BiConsumer)} with other layer widths (tests). */
  public List<ModelResult> run(Inputs in, Models models, boolean weaklyLabelledImages,
      TrainingOptions options, BiConsumer<String, EpochStats> progress) {
    TrainingOptions opts = options.withProbes(false);
    List<ModelResult> out = new ArrayList<>();
    out.add(train("ACP-Net", "193-d feature", in.backboneId() + " backbone",
        models.acpNet(), in.music193(),
        in.imageBackbone(), weaklyLabelledImages, opts, progress));
    out.add(train("Spectrogram-ACP", LogMelSpectrogram.spectrogramAcp(22050).describe(),
        in.backboneId() + " backbone",
        models.spectrogramAcp(), in.musicSpectrogram(), in.imageBackbone(), weaklyLabelledImages, opts, progress));
    L3NetConfig l3 = models.l3Net();
    TrainingReport r = new L3NetTrainer().train(l3, in.musicL3Spectrogram(), in.imagePixels(),
        weaklyLabelledImages, opts, s -> progress.accept("L3-Net", s));
    out.add(result("L3-Net", LogMelSpectrogram.l3(22050).describe() + ", as a 1 x "
        + l3.spectrogramBands() + " x " + l3.spectrogramFrames() + " image", in.pixelsId() + " raw pixels",
        l3.toString(), r));
    return out;
  }

  private ModelResult train(String name, String musicInput, String imageInput, AcpNetConfig config,
      LabelledFeatures music, LabelledFeatures images, boolean weak, TrainingOptions options,
      BiConsumer<String, EpochStats> progress) {
    TrainingReport r = new AcpNetTrainer(clock)
        .train(config, music, images, null, weak, options, s -> progress.accept(name, s))
        .report();
    return result(name, musicInput, imageInput, config.toString(), r);
  }

  private static ModelResult result(String name, String musicInput, String imageInput,
      String architecture, TrainingReport r) {
    return new ModelResult(name, musicInput, imageInput, architecture, r.testAccuracy(),
        r.validationAccuracy(), r.bestEpoch(), r.epochs().size());
  }

  private static void sameItems(String side, LabelledFeatures a, LabelledFeatures b) {
    if (!a.ids().equals(b.ids()) || !Arrays.equals(a.labels(), b.labels())
        || !a.classNames().equals(b.classNames())) {
      throw new IllegalArgumentException("every model must see the same " + side
          + " items with the same labels, in the same order");
    }
  }
}
