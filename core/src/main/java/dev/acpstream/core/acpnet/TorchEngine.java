package dev.acpstream.core.acpnet;

import ai.djl.engine.Engine;

/**
 * The one way this project reaches DJL's PyTorch engine, by name.
 *
 * <p>Offline by construction: the CPU libtorch comes from the {@code pytorch-native-cpu} jar and
 * {@code libdjl_torch.so} from the {@code pytorch-jni} jar, both on the classpath; DJL unpacks
 * them once into its cache ({@code ~/.djl.ai/pytorch}, or {@code $DJL_CACHE_DIR}) and, with
 * {@code ai.djl.offline=true}, fails instead of downloading anything that is missing. The system
 * properties are set here only when the launcher did not set them, so a unit test or an embedding
 * application gets the same behaviour as {@code bin/acp}.
 */
public final class TorchEngine {

  public static final String NAME = "PyTorch";

  private TorchEngine() {}

  public static Engine get() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    // ACP-Net's graph is a chain of GEMMs: inter-op threads only add spinning OpenMP workers.
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    try {
      return Engine.getEngine(NAME);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("DJL's PyTorch engine could not start offline. It needs "
          + "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 and ai.djl.pytorch:pytorch-jni "
          + "on the classpath and a writable DJL cache (~/.djl.ai or $DJL_CACHE_DIR): " + e, e);
    }
  }

  /** DJL seeds with an int; fold a long seed into one. */
  public static int seed(long seed) {
    return (int) (seed ^ (seed >>> 32));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }
}
