package dev.acpstream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the catalog's missing topics and checks that existing ones match it. */
public final class TopicAdmin {

  /** What {@link #ensureTopics} found for one topic. */
  public enum Outcome { CREATED, VERIFIED }

  /** One topic's outcome. */
  public record TopicState(String name, Outcome outcome) {}

  private TopicAdmin() {}

  /** {@link #ensureTopics(Admin, Collection, TopicSettings, Duration)} for the whole catalog. */
  public static List<TopicState> ensureTopics(Admin admin, TopicSettings settings) {
    return ensureTopics(admin, Topics.ALL, settings, Duration.ofSeconds(60));
  }

  /**
   * Creates each missing topic with its partitions, cleanup policy and retention, then verifies
   * every topic (created or pre-existing) against those settings.
   *
   * @throws TopicMismatchException when an existing topic's partitions, cleanup policy or
   *     retention differ (nothing is altered: changing them on a live topic is an operator's call)
   */
  public static List<TopicState> ensureTopics(
      Admin admin, Collection<? extends TopicSpec<?, ?>> specs, TopicSettings settings,
      Duration timeout) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> toCreate = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (!existing.contains(spec.name())) {
          toCreate.add(newTopic(spec, settings));
        }
      }
      List<String> created = new ArrayList<>();
      var results = admin.createTopics(toCreate).values();
      for (var e : results.entrySet()) {
        try {
          e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          created.add(e.getKey());
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw ex; // another instance creating it at the same time is fine; anything else is not
          }
        }
      }
      verify(admin, specs, settings, timeout);
      return specs.stream()
          .map(s -> new TopicState(s.name(), created.contains(s.name()) ? Outcome.CREATED : Outcome.VERIFIED))
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ensuring topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create or describe topics: " + e.getMessage(), e);
    }
  }

  /** The NewTopic the catalog asks for, with overrides applied. */
  public static NewTopic newTopic(TopicSpec<?, ?> spec, TopicSettings settings) {
    Map<String, String> configs = new java.util.HashMap<>(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().configValue(),
        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.retentionMs(spec))));
    if (spec.maxMessageBytes() > 0) {
      configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(spec.maxMessageBytes()));
    }
    return new NewTopic(spec.name(), Optional.of(settings.partitions(spec)), settings.replicationFactor())
        .configs(configs);
  }

  private static void verify(
      Admin admin, Collection<? extends TopicSpec<?, ?>> specs, TopicSettings settings, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names = specs.stream().map(s -> (String) s.name()).toList();
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, TopicDescription> descriptions;
    Map<ConfigResource, Config> configs;
    while (true) {
      try {
        descriptions = admin.describeTopics(names).allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        break;
      } catch (ExecutionException e) {
        // A topic created a moment ago may not have reached every broker's metadata yet.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
    List<String> problems = new ArrayList<>();
    for (TopicSpec<?, ?> spec : specs) {
      int partitions = descriptions.get(spec.name()).partitions().size();
      if (partitions != settings.partitions(spec)) {
        problems.add(spec.name() + " has " + partitions + " partitions, expected "
            + settings.partitions(spec));
      }
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
      String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
      if (!spec.cleanupPolicy().configValue().equals(cleanup)) {
        problems.add(spec.name() + " has cleanup.policy=" + cleanup + ", expected "
            + spec.cleanupPolicy().configValue());
      }
      String retention = value(config, TopicConfig.RETENTION_MS_CONFIG);
      if (!String.valueOf(settings.retentionMs(spec)).equals(retention)) {
        problems.add(spec.name() + " has retention.ms=" + retention + ", expected "
            + settings.retentionMs(spec));
      }
    }
    if (!problems.isEmpty()) {
      throw new TopicMismatchException(problems);
    }
  }

  private static String value(Config config, String name) {
    var entry = config.get(name);
    return entry == null ? null : entry.value();
  }
}
