package dev.acpstream.core.image;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The application's backbones: each SavedModel is loaded once per process however many stream threads ask for it.
 * The app holds one instance and closes it at shutdown; backbones it hands out must not be closed by callers.
 */
public final class Backbones implements AutoCloseable {

  private record Key(Path dir, TfModelOptions options) {}

  private final TfModelOptions tfOptions;
  private final Path cacheDir;
  private final AffectBackbone affect = new AffectBackbone();
  private final ConcurrentMap<Key, TfImageBackbone> models = new ConcurrentHashMap<>();

  public Backbones(TfModelOptions tfOptions, Path cacheDir) {
    this.tfOptions = tfOptions;
    this.cacheDir = cacheDir;
  }

  /** Inception-V3 options, natives cached under {@link TensorFlowNatives#defaultCacheDir()}. */
  public Backbones() {
    this(TfModelOptions.INCEPTION_V3, TensorFlowNatives.defaultCacheDir());
  }

  public ImageBackbone get(String spec) {
    return get(BackboneSpec.parse(spec));
  }

  public ImageBackbone get(BackboneSpec spec) {
    if (spec instanceof BackboneSpec.TensorFlow tf) {
      return models.computeIfAbsent(new Key(tf.savedModel(), tfOptions),
          key -> TfImageBackbone.load(key.dir(), key.options(), cacheDir));
    }
    return affect;
  }

  @Override
  public void close() {
    models.values().forEach(TfImageBackbone::close);
    models.clear();
  }
}
