package dev.acpstream.core.acpnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ACP-Net as a DJL block for training.
 *
 * <p>Inputs: standardised image features [Bi, imageDim], standardised music features [Bm, 193],
 * and two one-hot selection matrices [P, Bi] and [P, Bm] naming the image and the music item of
 * each of P pairs. Output: logits [P, 2]. Each item goes through its subnetwork once per batch
 * however many pairs it is in; the first fusion layer is applied per item as two halves (its
 * image columns without bias, its music columns with the bias) and the halves are gathered per
 * pair by the selection matrices, which is exactly W [i; m] + b on the concatenation.
 * Dropout ({@link AcpNetConfig#dropout()}) follows each hidden layer of the fusion network.
 */
final class AcpNetBlock extends AbstractBlock {

  private final AcpNetConfig config;
  private final SequentialBlock image;
  private final SequentialBlock music;
  private final Linear fuseImage;
  private final Linear fuseMusic;
  private final Dropout fuseDropout;
  private final SequentialBlock fusionRest;

  AcpNetBlock(AcpNetConfig config) {
    this.config = config;
    int[] f = config.fusionLayers();
    // Dropout sits after the fusion network's hidden layers only. The paper gives the rate (0.4)
    // but not the places; after all seven hidden layers on the music path the multiplicative
    // noise compounded, the initial loss was 3-6 and training stayed at chance (measured).
    image = addChildBlock("image", TorchBlocks.mlp(config.imageLayers(), 0f, true));
    music = addChildBlock("music", TorchBlocks.mlp(config.musicLayers(), 0f, true));
    fuseImage = addChildBlock("fuse_image", Linear.builder().setUnits(f[0]).optBias(false).build());
    fuseMusic = addChildBlock("fuse_music", Linear.builder().setUnits(f[0]).build());
    fuseDropout = addChildBlock("fuse_dropout", Dropout.builder().optRate(config.dropout()).build());
    fusionRest = addChildBlock("fusion",
        TorchBlocks.mlp(Arrays.copyOfRange(f, 1, f.length), config.dropout(), false));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
      PairList<String, Object> params) {
    NDArray ei = image.forward(ps, new NDList(in.get(0)), training).singletonOrThrow();
    NDArray em = music.forward(ps, new NDList(in.get(1)), training).singletonOrThrow();
    NDArray hi = fuseImage.forward(ps, new NDList(ei), training).singletonOrThrow();
    NDArray hm = fuseMusic.forward(ps, new NDList(em), training).singletonOrThrow();
    NDArray h = Activation.relu(in.get(2).matMul(hi).add(in.get(3).matMul(hm)));
    h = fuseDropout.forward(ps, new NDList(h), training).singletonOrThrow();
    return fusionRest.forward(ps, new NDList(h), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[2].get(0), 2)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    image.initialize(manager, dataType, inputs[0]);
    music.initialize(manager, dataType, inputs[1]);
    Shape ie = image.getOutputShapes(new Shape[] {inputs[0]})[0];
    Shape me = music.getOutputShapes(new Shape[] {inputs[1]})[0];
    fuseImage.initialize(manager, dataType, ie);
    fuseMusic.initialize(manager, dataType, me);
    Shape h = new Shape(inputs[2].get(0), config.fusionLayers()[0]);
    fuseDropout.initialize(manager, dataType, h);
    fusionRest.initialize(manager, dataType, h);
  }

  /** The current weights as an engine-neutral fusion stack, first layer re-joined. */
  Mlp fusionWeights() {
    DenseLayer a = TorchBlocks.dense(fuseImage);
    DenseLayer b = TorchBlocks.dense(fuseMusic);
    int out = a.out();
    int e = a.in();
    float[] wa = a.weight();
    float[] wb = b.weight();
    float[] w = new float[out * 2 * e];
    for (int o = 0; o < out; o++) {
      System.arraycopy(wa, o * e, w, o * 2 * e, e);
      System.arraycopy(wb, o * e, w, o * 2 * e + e, e);
    }
    List<DenseLayer> layers = new ArrayList<>();
    layers.add(new DenseLayer(2 * e, out, w, b.bias()));
    layers.addAll(TorchBlocks.dense(fusionRest));
    return new Mlp(layers, false);
  }

  Mlp imageWeights() {
    return new Mlp(TorchBlocks.dense(image), true);
  }

  Mlp musicWeights() {
    return new Mlp(TorchBlocks.dense(music), true);
  }
}
