package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** deploy/soak.sh and deploy/security/kafka-acls.sh refuse bad input before doing anything, naming it. */
class DeployScriptArgumentsTest {

  private record Result(int exitCode, String output) {}

  private static Result run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", DeploymentFiles.ROOT.resolve(script).toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), script + " did not finish");
    return new Result(p.exitValue(), out);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deploy/soak.sh|2|--bogus|unknown argument: --bogus",
        "deploy/soak.sh|2|--set nokey|--set needs KEY=VALUE",
        "deploy/security/kafka-acls.sh|1|--apply|--bootstrap-server is required",
        "deploy/security/kafka-acls.sh|1|--bootstrap-server k:9092 --bogus|unknown argument: --bogus",
        "deploy/security/kafka-acls.sh|1|--bootstrap-server k:9092 --application-id a;b|may hold letters, digits",
        "deploy/security/kafka-acls.sh|1|--bootstrap-server k:9092 --command-config /no/admin.properties|"
            + "--command-config file /no/admin.properties does not exist",
        "deploy/security/kafka-acls.sh|1|--bootstrap-server|--bootstrap-server needs a value",
      })
  void badArgumentsAreNamed(String script, int status, String args, String message) throws Exception {
    Result r = run(script, args.split(" "));
    assertEquals(status, r.exitCode(), r.output());
    assertTrue(r.output().contains(message), r.output());
  }

  @Test
  void theAclScriptPrintsOneCommandPerGrantForTheGivenApplication() throws Exception {
    Result r = run("deploy/security/kafka-acls.sh", "--bootstrap-server", "kafka:9093", "--application-id", "acp-prod");
    assertEquals(0, r.exitCode(), r.output());
    List<String> lines = r.output().lines().toList();
    assertTrue(lines.stream().allMatch(l -> l.startsWith("kafka-acls.sh --bootstrap-server kafka:9093 --add ")), r.output());
    assertTrue(lines.contains("kafka-acls.sh --bootstrap-server kafka:9093 --add --allow-principal User:acp-topology "
        + "--operation Read --group acp-prod "), r.output());
    assertTrue(lines.stream().anyMatch(l -> l.contains("--transactional-id acp-prod-")), "exactly-once transactional ids");
    assertTrue(lines.stream().anyMatch(l -> l.contains("User:acp-trainer") && l.contains("--topic models.acpnet")
        && l.contains("Write")), "the trainer publishes models");
  }

  @Test
  void principalsComeFromTheEnvironment() throws Exception {
    ProcessBuilder b = new ProcessBuilder("bash", DeploymentFiles.ROOT.resolve("deploy/security/kafka-acls.sh").toString(),
        "--bootstrap-server", "k:9092").redirectErrorStream(true);
    b.environment().put("WEB_PRINCIPAL", "User:CN=web.acp.example");
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertTrue(out.contains("User:CN=web.acp.example") && !out.contains("User:acp-web"), out);
  }
}
