package dev.acpstream.core.acpnet;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.List;

/** Builds DJL blocks for the networks and reads their weights back as engine-neutral layers. */
final class TorchBlocks {

  /**
   * Glorot/Xavier uniform, set explicitly: DJL's default weight initialiser draws larger weights,
   * which with seven ReLU layers and dropout's 1/(1-p) scaling started training at a loss of 3-4
   * instead of ln 2 and kept it at chance for many epochs.
   */
  static final XavierInitializer GLOROT_UNIFORM = new XavierInitializer(
      XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 6);

  private TorchBlocks() {}

  /** Linear layers of the given widths, each but (optionally) the last followed by ReLU and dropout. */
  static SequentialBlock mlp(int[] widths, float dropout, boolean activateLast) {
    SequentialBlock seq = new SequentialBlock();
    for (int i = 0; i < widths.length; i++) {
      seq.add(Linear.builder().setUnits(widths[i]).build());
      if (i < widths.length - 1 || activateLast) {
        seq.add(Activation::relu);
        if (dropout > 0f) {
          seq.add(Dropout.builder().optRate(dropout).build());
        }
      }
    }
    return seq;
  }

  /** The Linear layers of a block, in order, as plain float layers. */
  static List<DenseLayer> dense(Block block) {
    List<DenseLayer> out = new ArrayList<>();
    collect(block, out);
    return out;
  }

  private static void collect(Block block, List<DenseLayer> out) {
    if (block instanceof Linear linear) {
      out.add(dense(linear));
      return;
    }
    for (Block child : block.getChildren().values()) {
      collect(child, out);
    }
  }

  static DenseLayer dense(Linear linear) {
    Parameter w = linear.getParameters().get("weight");
    NDArray wa = w.getArray();
    long[] shape = wa.getShape().getShape();
    float[] bias = linear.getParameters().contains("bias")
        ? linear.getParameters().get("bias").getArray().toFloatArray()
        : new float[(int) shape[0]];
    return new DenseLayer((int) shape[1], (int) shape[0], wa.toFloatArray(), bias);
  }
}
