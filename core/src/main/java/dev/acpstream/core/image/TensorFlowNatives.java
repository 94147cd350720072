package dev.acpstream.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Makes DJL's TensorFlow engine start without a network.
 *
 * <p>What DJL 0.36 does ({@code ai.djl.tensorflow.engine.javacpp.LibUtils}): it looks for {@code libjnitensorflow.so}
 * in {@code TENSORFLOW_LIBRARY_PATH} (environment variable or system property), then {@code java.library.path};
 * failing both it looks for its own {@code native/lib/tensorflow.properties} on the classpath, which the Maven
 * Central natives ({@code org.tensorflow:tensorflow-core-native:1.0.0:linux-x86_64}) do not have, and so it
 * downloads from DJL's server. When it finds the file it only sets JavaCPP's preload path to that directory; the
 * libraries themselves ({@code libjnitensorflow.so}, {@code libtensorflow_cc.so.2},
 * {@code libtensorflow_framework.so.2}) are then loaded by JavaCPP from the native jar on the classpath, which it
 * extracts once into its cache ({@code ~/.javacpp/cache}, about 630 MB).
 *
 * <p>So we extract {@code libjnitensorflow.so} (760 kB) from the native jar into
 * {@code <cacheDir>/tensorflow-native-<version>/} and point {@code TENSORFLOW_LIBRARY_PATH} at it, and set
 * {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} (DJL reads both as system properties too). A
 * value already given by the user (environment or {@code -D}) is left alone. These are process-wide by nature
 * (DJL reads them as such), set once, idempotently, before the engine is first touched.
 */
public final class TensorFlowNatives {

  static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";
  private static final String JNI = "libjnitensorflow.so";
  private static final String RESOURCE = "org/tensorflow/internal/c_api/linux-x86_64/" + JNI;
  private static final String POM = "META-INF/maven/org.tensorflow/tensorflow-core-native/pom.properties";

  private TensorFlowNatives() {}

  /** The default cache: {@code $ACP_CACHE_DIR}, else {@code ~/.cache/acp-stream}. */
  public static Path defaultCacheDir() {
    String env = System.getenv("ACP_CACHE_DIR");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "acp-stream");
  }

  /** Prepares the process for DJL's TensorFlow engine; returns the directory TENSORFLOW_LIBRARY_PATH names. */
  public static synchronized Path prepare(Path cacheDir) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    String given = System.getenv(LIBRARY_PATH) != null ? System.getenv(LIBRARY_PATH) : System.getProperty(LIBRARY_PATH);
    if (given != null && !given.isBlank()) {
      // DJL would quietly fall through to a download (refused offline) if the file is not there: say so now.
      for (String entry : given.split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        boolean isTheFile = p.getFileName() != null && p.getFileName().toString().equals(JNI);
        if (Files.isRegularFile(isTheFile ? p : p.resolve(JNI))) {
          return isTheFile ? p.toAbsolutePath().getParent() : p;
        }
      }
      throw new BackboneException(LIBRARY_PATH + "=" + given + " holds no " + JNI
          + "; unset it to use the natives on the classpath");
    }
    Path dir = cacheDir.resolve("tensorflow-native-" + nativeVersion());
    Path lib = dir.resolve(JNI);
    try (InputStream in = resource(RESOURCE)) {
      if (in == null) {
        throw new BackboneException("TensorFlow natives missing: " + RESOURCE + " is not on the classpath "
            + "(add org.tensorflow:tensorflow-core-native:linux-x86_64)");
      }
      if (!Files.isRegularFile(lib)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, JNI, ".tmp");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + JNI + " into " + dir, e);
    }
    System.setProperty(LIBRARY_PATH, dir.toString());
    return dir;
  }

  private static String nativeVersion() {
    try (InputStream in = resource(POM)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static InputStream resource(String name) {
    return TensorFlowNatives.class.getClassLoader().getResourceAsStream(name);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getenv(key) == null && System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
