package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

  @Test
  void propertiesOverEnvironmentOverDefaults() {
    Properties p = new Properties();
    p.setProperty(TrainerConfig.RETRAIN_LABELS, "7");
    p.setProperty("schema.registry.url", "http://localhost:8081");
    TrainerConfig c = TrainerConfig.from(p, Map.of("ACP_TRAINER_RETRAIN_LABELS", "9",
        "ACP_TRAINER_RETRAIN_INTERVAL_MS", "60000", "ACP_BOOTSTRAP_SERVERS", "broker:9092"));
    assertEquals(7, c.retrainLabels());
    assertEquals(Duration.ofMinutes(1), c.retrainInterval());
    assertEquals("broker:9092", c.bootstrapServers());
    assertEquals("acp-trainer", c.applicationId());
    assertEquals(0.01, c.promotionMargin());
    assertEquals("http://localhost:8081", c.streamsProperties().get("schema.registry.url"));
    assertEquals("exactly_once_v2", c.streamsProperties().get("processing.guarantee"));
    assertEquals(1024, c.network(1024).imageDim());
    assertEquals(c.workDir().resolve("state"), c.stateDir());
  }

  @Test
  void badValuesNameTheirKey() {
    for (String[] kv : new String[][] {
        {TrainerConfig.PROMOTION_MARGIN, "1.5"}, {TrainerConfig.HOLDOUT_FRACTION, "0"},
        {TrainerConfig.RETRAIN_LABELS, "0"}, {TrainerConfig.ARCHITECTURE, "huge"},
        {TrainerConfig.PAIRS_PER_ITEM, "3"}, {TrainerConfig.LEARNING_RATE, "fast"},
        {TrainerConfig.MIN_LABELS_PER_CLASS, "-1"}}) {
      Properties p = new Properties();
      p.setProperty(kv[0], kv[1]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TrainerConfig.from(p, Map.of()), kv[0]);
      assertTrue(e.getMessage().contains(kv[0]), e.getMessage());
    }
  }
}
