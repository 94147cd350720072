package dev.acpstream.core.image;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.Device;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow SavedModel run through DJL's TensorFlow engine (named explicitly: the PyTorch engine is on the
 * classpath too). The model is loaded once; {@link #features(List)} runs up to {@code maxBatch} images per session
 * run. Thread-safe: a TensorFlow session may be run concurrently, and each call has its own NDManager.
 */
public final class TfImageBackbone implements ImageBackbone {

  static final String ENGINE = "TensorFlow";

  private final Path dir;
  private final TfModelOptions options;
  private final Model model;
  private final String inputName;
  private final String outputName;
  private final int dim;
  private final TfPreprocessor preprocessor;

  private TfImageBackbone(Path dir, TfModelOptions options, Model model, String inputName, String outputName, int dim) {
    this.dir = dir;
    this.options = options;
    this.model = model;
    this.inputName = inputName;
    this.outputName = outputName;
    this.dim = dim;
    this.preprocessor = new TfPreprocessor(options.height(), options.width(), options.scaling());
  }

  /** Loads the SavedModel in {@code dir}; natives come from the classpath via {@link TensorFlowNatives}. */
  public static TfImageBackbone load(Path dir, TfModelOptions options, Path cacheDir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new BackboneException("tf:" + dir + ": not a SavedModel directory (no saved_model.pb)");
    }
    TensorFlowNatives.prepare(cacheDir);
    Model model = Model.newInstance("backbone", Device.cpu(), ENGINE);
    try {
      model.load(dir, null, Map.of("Tags", options.tags(), "SignatureDefKey", options.signature()));
      if (!(model.getBlock() instanceof TfSymbolBlock block)) {
        throw new BackboneException("tf:" + dir + ": DJL loaded no TensorFlow symbol block");
      }
      // DJL falls back to another signature with only a warning when the named one is missing; we refuse.
      var signatures = block.getSavedModelBundle().getMetaGraphDef().getSignatureDefMap().keySet();
      if (!signatures.contains(options.signature())) {
        throw new BackboneException("tf:" + dir + ": no signature '" + options.signature() + "'; it has " + signatures);
      }
      String input = pick(dir, "input", options.inputName(), block.describeInput());
      String output = pick(dir, "output", options.outputName(), block.describeOutput());
      Shape inShape = shapeOf(block.describeInput(), input);
      checkInput(dir, options, input, inShape);
      Shape outShape = shapeOf(block.describeOutput(), output);
      long d = outShape.get(outShape.dimension() - 1);
      if (outShape.dimension() != 2 || d <= 0) {
        throw new BackboneException("tf:" + dir + ": output '" + output + "' has shape " + outShape
            + "; expected [batch, features]");
      }
      return new TfImageBackbone(dir, options, model, input, output, (int) d);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      if (e instanceof BackboneException b) {
        throw b;
      }
      throw new BackboneException("tf:" + dir + ": cannot load SavedModel (signature '" + options.signature()
          + "', tags '" + options.tags() + "'): " + e.getMessage(), e);
    }
  }

  private static String pick(Path dir, String what, String wanted, PairList<String, Shape> described) {
    List<String> names = described.keys();
    if (wanted != null) {
      if (!names.contains(wanted)) {
        throw new BackboneException("tf:" + dir + ": the signature has no " + what + " '" + wanted + "'; it has " + names);
      }
      return wanted;
    }
    if (names.size() != 1) {
      throw new BackboneException("tf:" + dir + ": the signature has " + names.size() + " " + what + "s " + names
          + "; name the one to use");
    }
    return names.get(0);
  }

  private static Shape shapeOf(PairList<String, Shape> described, String name) {
    return described.get(described.keys().indexOf(name)).getValue();
  }

  private static void checkInput(Path dir, TfModelOptions options, String input, Shape shape) {
    boolean ok = shape.dimension() == 4 && fits(shape.get(1), options.height()) && fits(shape.get(2), options.width())
        && fits(shape.get(3), 3);
    if (!ok) {
      throw new BackboneException("tf:" + dir + ": input '" + input + "' has shape " + shape + "; expected [N,"
          + options.height() + "," + options.width() + ",3] (set the input size to match)");
    }
  }

  private static boolean fits(long declared, int actual) {
    return declared < 0 || declared == actual;
  }

  @Override
  public String id() {
    return "tf:" + dir;
  }

  @Override
  public int dim() {
    return dim;
  }

  public TfModelOptions options() {
    return options;
  }

  /** The preprocessing applied before the model: exposed so tests and benchmarks can feed TF Java the same input. */
  public TfPreprocessor preprocessor() {
    return preprocessor;
  }

  @Override
  public float[] features(DecodedImage image) {
    return features(List.of(image)).get(0);
  }

  @Override
  public List<float[]> features(List<DecodedImage> images) {
    List<float[]> out = new ArrayList<>(images.size());
    for (int from = 0; from < images.size(); from += options.maxBatch()) {
      List<DecodedImage> batch = images.subList(from, Math.min(images.size(), from + options.maxBatch()));
      ByteBuffer input = directFloats(batch.size() * preprocessor.valuesPerImage());
      FloatBuffer floats = input.asFloatBuffer();
      for (int i = 0; i < batch.size(); i++) {
        preprocessor.write(batch.get(i), floats, i * preprocessor.valuesPerImage());
      }
      float[] result = run(input, batch.size(), batch.get(0).source());
      for (int i = 0; i < batch.size(); i++) {
        float[] row = new float[dim];
        System.arraycopy(result, i * dim, row, 0, dim);
        out.add(row);
      }
    }
    return out;
  }

  /**
   * A native-order direct byte buffer for {@code count} floats (write through {@code asFloatBuffer()}): the only
   * form DJL's TF engine copies straight into a tensor; from anything else it first copies into a new direct buffer.
   */
  public static ByteBuffer directFloats(int count) {
    return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  /** Runs an already preprocessed NHWC batch; returns {@code n * dim} floats. */
  public float[] run(float[] nhwc, int n, String firstSource) {
    ByteBuffer direct = directFloats(nhwc.length);
    direct.asFloatBuffer().put(nhwc);
    return run(direct, n, firstSource);
  }

  /** Runs an already preprocessed NHWC batch of native-order floats in a direct buffer; returns {@code n * dim}. */
  public float[] run(ByteBuffer nhwc, int n, String firstSource) {
    try (NDManager manager = model.getNDManager().newSubManager()) {
      // duplicate(): DJL consumes the buffer's position, and a caller may run the same input again.
      NDArray x = manager.create(nhwc.duplicate().rewind(), new Shape(n, options.height(), options.width(), 3),
          DataType.FLOAT32);
      x.setName(inputName);
      NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
      NDArray y = outputs.get(outputName);
      if (y == null || y.getShape().dimension() != 2 || y.getShape().get(0) != n || y.getShape().get(1) != dim) {
        throw new BackboneException(id() + ": output '" + outputName + "' came back as "
            + (y == null ? "missing" : y.getShape()) + " for a batch of " + n + " (first image " + firstSource + ")");
      }
      return y.toFloatArray();
    } catch (BackboneException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BackboneException(id() + ": inference failed on a batch of " + n + " starting with " + firstSource
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
