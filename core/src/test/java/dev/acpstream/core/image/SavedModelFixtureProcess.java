package dev.acpstream.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tools/savedmodel-fixture (TensorFlow Java 1.0.0) in its own JVM: its org.tensorflow classes would clash
 * with the copy inside DJL's tensorflow-api on this classpath.
 */
final class SavedModelFixtureProcess {

  private SavedModelFixtureProcess() {}

  static Path fixtureTarget() {
    String dir = System.getProperty("acp.savedmodel.fixture.dir");
    return dir != null ? Path.of(dir) : Samples.projectDir().resolve("tools/savedmodel-fixture/target");
  }

  static String classpath() throws IOException {
    Path target = fixtureTarget();
    Path cp = target.resolve("fixture-classpath.txt");
    if (!Files.isRegularFile(cp)) {
      throw new IllegalStateException(cp + " missing: build with -am so tools/savedmodel-fixture is built first");
    }
    return target.resolve("classes") + java.io.File.pathSeparator + Files.readString(cp).strip();
  }

  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(),
        "dev.acpstream.tools.savedmodel.SavedModelFixture"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("fixture " + List.of(args) + " failed:\n" + new String(output));
    }
    return new String(output);
  }

  static void writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    Files.write(file, bytes.array());
  }

  static float[] readFloats(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return values;
  }
}
