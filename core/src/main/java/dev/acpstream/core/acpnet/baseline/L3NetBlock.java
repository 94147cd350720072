package dev.acpstream.core.acpnet.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The convolutional L3-Net ({@link L3NetConfig}) as a DJL block.
 *
 * <p>Inputs, as ACP-Net's block takes them: images [Bi, 3, S, S], spectrograms [Bm, 1, F, T] and
 * two one-hot selection matrices [P, Bi] and [P, Bm] naming the image and the music item of each
 * of P pairs. Each item goes through its subnetwork once per batch however many pairs it is in;
 * the selections gather the embeddings per pair before the concatenation. Output: logits [P, 2].
 */
final class L3NetBlock extends AbstractBlock {

  private final SequentialBlock vision;
  private final SequentialBlock audio;
  private final SequentialBlock fusion;

  L3NetBlock(L3NetConfig config) {
    vision = addChildBlock("vision", tower(config.widths()));
    audio = addChildBlock("audio", tower(config.widths()));
    fusion = addChildBlock("fusion", new SequentialBlock()
        .add(Linear.builder().setUnits(config.fusionHidden()).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(2).build()));
  }

  /** One subnetwork: the conv blocks, then a global max pool to [N, widths[last]]. */
  static SequentialBlock tower(int[] widths) {
    SequentialBlock seq = new SequentialBlock();
    for (int w : widths) {
      for (int k = 0; k < 2; k++) {
        // no conv bias: the BatchNorm that follows has its own shift
        seq.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .setFilters(w).optBias(false).build());
        seq.add(BatchNorm.builder().build());
        seq.add(Activation::relu);
      }
      seq.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    seq.add(Pool.globalMaxPool2dBlock());
    seq.add(Blocks.batchFlattenBlock());
    return seq;
  }

  SequentialBlock vision() {
    return vision;
  }

  SequentialBlock audio() {
    return audio;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
      PairList<String, Object> params) {
    NDArray ei = vision.forward(ps, new NDList(in.get(0)), training).singletonOrThrow();
    NDArray em = audio.forward(ps, new NDList(in.get(1)), training).singletonOrThrow();
    NDArray pair = in.get(2).matMul(ei).concat(in.get(3).matMul(em), 1);
    return fusion.forward(ps, new NDList(pair), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[2].get(0), 2)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    vision.initialize(manager, dataType, inputs[0]);
    audio.initialize(manager, dataType, inputs[1]);
    long e = vision.getOutputShapes(new Shape[] {inputs[0]})[0].get(1)
        + audio.getOutputShapes(new Shape[] {inputs[1]})[0].get(1);
    fusion.initialize(manager, dataType, new Shape(inputs[2].get(0), e));
  }
}
