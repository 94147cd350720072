package dev.acpstream.trainer;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a {@link TrainerStatus} source as a platform MXBean while the trainer runs. */
final class TrainerMetrics implements TrainerMetricsMXBean, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerMetrics.class);

  private final Supplier<TrainerStatus> status;
  private final ObjectName name;

  TrainerMetrics(String applicationId, Supplier<TrainerStatus> status) {
    this.status = status;
    ObjectName n = null;
    try {
      n = objectName(applicationId);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(n)) {
        server.unregisterMBean(n);
      }
      server.registerMBean(this, n);
    } catch (JMException e) {
      LOG.warn("trainer metrics not registered over JMX: {}", e.getMessage());
      n = null;
    }
    this.name = n;
  }

  static ObjectName objectName(String applicationId) throws JMException {
    return ObjectName.getInstance("dev.acpstream:type=Trainer,name=" + ObjectName.quote(applicationId));
  }

  @Override
  public String getChampionVersion() {
    String v = status.get().championVersion();
    return v == null ? "" : v;
  }

  @Override
  public double getHoldoutAccuracy() {
    return status.get().holdoutAccuracy();
  }

  @Override
  public long getLastTrainingTimeMillis() {
    var at = status.get().lastTrainingAt();
    return at == null ? 0 : at.toEpochMilli();
  }

  @Override
  public long getLabelsSeen() {
    return status.get().labelsSeen();
  }

  @Override
  public long getLabelsReady() {
    return status.get().labelsReady();
  }

  @Override
  public long getRuns() {
    return status.get().runs();
  }

  @Override
  public long getPublished() {
    return status.get().published();
  }

  @Override
  public long getRejectedChallengers() {
    return status.get().rejected();
  }

  @Override
  public long getDeadLetters() {
    return status.get().deadLetters();
  }

  @Override
  public boolean isTraining() {
    return status.get().training();
  }

  @Override
  public void close() {
    if (name != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (JMException e) {
        LOG.debug("trainer metrics already unregistered: {}", e.getMessage());
      }
    }
  }
}
