package dev.acpstream.deploy;

import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One topology instance as a long-running service: what a container, a pod or a test's child
 * process runs. Configuration comes from {@link ServiceEnvironment} (file over environment over
 * defaults); health from {@link HealthEndpoint}. Run as many instances with the same {@code
 * application.id} as there are partitions to share; each needs its own {@code state.dir}.
 *
 * <p>SIGTERM closes Kafka Streams cleanly (state flushed, transaction finished). A failed Kafka
 * Streams client ends the process with status 1 so the orchestrator restarts it: crashing is the
 * recovery path, exactly-once makes it safe.
 *
 * <p>Before Kafka Streams starts, one request with the same client settings ({@link
 * KafkaAccessCheck}) turns refused credentials or an untrusted certificate into exit 2 with a line
 * naming them.
 *
 * <p>Usage: {@code TopologyService [--config FILE]}; exit 2 on bad configuration (bad values,
 * credentials Kafka refuses).
 */
public final class TopologyService {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ACCESS_CHECK_TIMEOUT = KafkaAccessCheck.DEFAULT_TIMEOUT;

  private TopologyService() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs until the process is told to stop or Kafka Streams fails; returns the exit status. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    TopologyConfig config;
    int healthPort;
    AcpStreamsApp app;
    try {
      Properties props = ServiceEnvironment.load(configFile(args), env);
      healthPort = ServiceEnvironment.healthPort(props);
      config = TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(props), env);
      if (!KafkaAccessCheck.check(config.bootstrapServers(), config.streamsProperties(), ACCESS_CHECK_TIMEOUT)) {
        err.println("acp topology: Kafka at " + config.bootstrapServers() + " did not answer within "
            + ACCESS_CHECK_TIMEOUT.toSeconds() + " s; starting anyway (Kafka Streams keeps trying)");
      }
      app = new AcpStreamsApp(config);
    } catch (IllegalArgumentException | org.apache.kafka.common.config.ConfigException
        | KafkaAccessCheck.RefusedException e) {
      err.println("acp topology: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    KafkaStreams streams = app.streams();
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        out.println("acp topology: RUNNING (" + config.applicationId() + " at " + config.bootstrapServers() + ")");
      }
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        stopped.countDown();
      }
    });
    HealthEndpoint health;
    try {
      health = HealthEndpoint.start(streams, healthPort);
    } catch (RuntimeException e) {
      app.close(CLOSE_TIMEOUT);
      err.println("acp topology: " + e.getMessage());
      return 2;
    }
    Thread hook = new Thread(() -> {
      app.close(CLOSE_TIMEOUT);
      health.close();
    }, "acp-topology-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("acp topology: starting " + config.applicationId() + ", state in " + config.stateDir()
        + ", health on port " + health.port());
    out.flush();
    app.start();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Only a failure gets here on its own: a SIGTERM ends the process inside the hook.
    KafkaStreams.State end = streams.state();
    err.println("acp topology: Kafka Streams stopped in state " + end + "; exiting so the instance is restarted");
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      app.close(CLOSE_TIMEOUT);
      health.close();
    } catch (IllegalStateException e) {
      // Shutdown already under way: the hook closes everything.
    }
    return end == KafkaStreams.State.ERROR ? 1 : 0;
  }

  private static Optional<Path> configFile(String[] args) {
    if (args.length == 0) {
      return Optional.empty();
    }
    if (args.length == 2 && args[0].equals("--config")) {
      return Optional.of(Path.of(args[1]));
    }
    throw new IllegalArgumentException("usage: acp topology [--config FILE] (got " + String.join(" ", args) + ")");
  }
}
