package dev.acpstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acpstream.core.image.Backbones;
import dev.acpstream.core.image.DecodedImage;
import dev.acpstream.core.image.ImageBackbone;
import dev.acpstream.core.image.ImageDecodeException;
import dev.acpstream.core.image.ImageDecoder;
import dev.acpstream.core.image.ImageLimits;
import dev.acpstream.core.image.PixelScaling;
import dev.acpstream.core.image.TensorFlowNatives;
import dev.acpstream.core.image.TfModelOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code acp features image}: the image-branch input of ACP-Net for each file. A file that fails (not an image,
 * damaged, too large, inference error) prints nothing on stdout, an error naming it on stderr, and makes the exit
 * status 1; the other files are still processed.
 */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = {
        "Image features for each FILE: the affective descriptor (default, no model needed) or a TensorFlow SavedModel"
            + " backbone (e.g. Inception-V3, the paper's 2048-d penultimate layer).",
        "With --json, one line per file: {\"file\":...,\"backbone\":...,\"dim\":N,\"features\":[...]}."})
public final class FeaturesImageCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per line (default: a short human-readable line).")
  boolean json;

  @Option(names = "--backbone", defaultValue = "affect", paramLabel = "affect|tf:PATH",
      description = "affect (default) or tf:PATH to a TensorFlow SavedModel directory.")
  String backbone;

  @Option(names = "--tf-signature", defaultValue = "serving_default", description = "SavedModel signature key.")
  String signature;

  @Option(names = "--tf-tags", defaultValue = "serve", description = "SavedModel meta-graph tags, comma separated.")
  String tags;

  @Option(names = "--tf-input", description = "Signature input name (default: its only input).")
  String inputName;

  @Option(names = "--tf-output", description = "Signature output name (default: its only output).")
  String outputName;

  @Option(names = "--tf-size", defaultValue = "299", description = "Square input side in pixels (default 299).")
  int size;

  @Option(names = "--tf-scaling", defaultValue = "MINUS_ONE_TO_ONE",
      description = "Pixel scaling: ${COMPLETION-CANDIDATES} (default MINUS_ONE_TO_ONE, Inception's [-1,1]).")
  PixelScaling scaling;

  @Option(names = "--batch", defaultValue = "16", description = "Images per TensorFlow run (default 16).")
  int batch;

  @Option(names = "--max-pixels", defaultValue = "40000000",
      description = "Refuse images whose header declares more pixels (default 40000000).")
  long maxPixels;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JPEG, PNG, GIF, BMP or WebP files.")
  List<Path> files;

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batch <= 0 || size <= 0 || maxPixels <= 0) {
      err.println("acp features image: --batch, --tf-size and --max-pixels must be positive");
      return 2;
    }
    ImageDecoder decoder = new ImageDecoder(new ImageLimits(ImageLimits.DEFAULT.maxBytes(), maxPixels));
    TfModelOptions options = new TfModelOptions(signature, tags, inputName, outputName, size, size, scaling, batch);
    int failures = 0;
    try (Backbones backbones = new Backbones(options, TensorFlowNatives.defaultCacheDir())) {
      ImageBackbone model;
      try {
        model = backbones.get(backbone);
      } catch (RuntimeException e) { // an unknown spec, or a SavedModel that will not load
        err.println("acp features image: " + e.getMessage());
        return 2;
      }
      for (int from = 0; from < files.size(); from += batch) {
        List<Path> chunk = files.subList(from, Math.min(files.size(), from + batch));
        List<Path> decodedFiles = new ArrayList<>();
        List<DecodedImage> images = new ArrayList<>();
        for (Path file : chunk) {
          try {
            images.add(decoder.decode(file));
            decodedFiles.add(file);
          } catch (ImageDecodeException e) {
            err.println("acp features image: " + e.getMessage());
            failures++;
          }
        }
        failures += emit(model, decodedFiles, images, out, err);
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  /** Writes one complete line per image; a failed batch is retried image by image so one bad input names itself. */
  private int emit(ImageBackbone model, List<Path> files, List<DecodedImage> images, PrintWriter out, PrintWriter err) {
    if (images.isEmpty()) {
      return 0;
    }
    List<float[]> features;
    try {
      features = model.features(images);
    } catch (RuntimeException batchFailure) {
      if (images.size() == 1) {
        err.println("acp features image: " + files.get(0) + ": " + batchFailure.getMessage());
        return 1;
      }
      int failures = 0;
      for (int i = 0; i < images.size(); i++) {
        failures += emit(model, files.subList(i, i + 1), images.subList(i, i + 1), out, err);
      }
      return failures;
    }
    for (int i = 0; i < images.size(); i++) {
      out.println(json ? jsonLine(files.get(i), model, features.get(i)) : textLine(files.get(i), model, features.get(i)));
    }
    return 0;
  }

  private String jsonLine(Path file, ImageBackbone model, float[] features) {
    ObjectNode line = mapper.createObjectNode();
    line.put("file", file.toString());
    line.put("backbone", model.id());
    line.put("dim", features.length);
    ArrayNode values = line.putArray("features");
    for (float v : features) {
      values.add(v);
    }
    return line.toString();
  }

  private static String textLine(Path file, ImageBackbone model, float[] features) {
    StringBuilder s = new StringBuilder(file.toString()).append('\t').append(model.id()).append("\tdim=")
        .append(features.length).append('\t');
    for (int i = 0; i < Math.min(8, features.length); i++) {
      s.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.4f", features[i]));
    }
    return s.append(features.length > 8 ? " ..." : "").toString();
  }
}
