package dev.acpstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/'s scripts refuse bad input before starting anything, naming what was wrong. */
class DeployScriptsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "kafka-local.sh|launch|unknown command: launch",
        "kafka-local.sh|--port 99999|--port must be 1-65535, got '99999'",
        "kafka-local.sh|--port nine|--port must be 1-65535, got 'nine'",
        "kafka-local.sh|--port 19092 --controller-port 19092|client and controller ports must differ",
        "kafka-local.sh|--set log.retention.ms|--set needs KEY=VALUE",
        "kafka-local.sh|--data-dir|--data-dir needs a value",
        "kafka-local.sh|--bogus|unknown argument: --bogus",
        "registry-local.sh|serve|unknown command: serve",
        "registry-local.sh|--port 0|--port must be 1-65535, got '0'",
        "registry-local.sh|--state-dir|--state-dir needs a value",
      })
  void badArgumentsFailWithAMessageNamingThem(String script, String args, String message)
      throws Exception {
    Result result = run(script, args.split(" "));
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(message), result.output());
  }

  @Test
  void statusOfABrokerThatIsNotRunningExitsWithThree(@TempDir Path dataDir) throws Exception {
    Result result =
        run("kafka-local.sh", "status", "--port", "19999", "--data-dir", dataDir.toString());
    assertEquals(3, result.exitCode(), result.output());
    assertTrue(result.output().contains("not running"), result.output());
  }

  @Test
  void helpDescribesEveryCommand() throws Exception {
    Result kafka = run("kafka-local.sh", "--help");
    assertEquals(0, kafka.exitCode());
    for (String command : List.of("run", "start", "stop", "status", "classpath")) {
      assertTrue(kafka.output().contains("\n  " + command + " "), command);
    }
    Result registry = run("registry-local.sh", "--help");
    assertEquals(0, registry.exitCode());
    for (String command : List.of("run", "start", "stop", "status", "build")) {
      assertTrue(registry.output().contains("\n  " + command + " "), command);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String script, String... args)
      throws IOException, InterruptedException {
    Path root = Checkout.around(Path.of("")).orElseThrow();
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("deploy/" + script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running: " + command);
    return new Result(process.exitValue(), output);
  }
}
