package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TuningCacheTest {

  @Test
  void buildsOncePerExactTuningAndStaysBounded() {
    AtomicInteger builds = new AtomicInteger();
    TuningCache<double[]> cache = new TuningCache<>(t -> {
      builds.incrementAndGet();
      return new double[] {t};
    });
    double[] a = cache.get(0.03);
    assertSame(a, cache.get(0.03));
    assertEquals(1, builds.get());
    // Values 1e-9 apart are different tunings: each gets its own, exactly built entry.
    double[] b = cache.get(0.03 + 1e-9);
    assertNotSame(a, b);
    assertEquals(0.03 + 1e-9, b[0]);
    for (int i = 0; i < 10 * TuningCache.MAX_ENTRIES; i++) {
      assertEquals(i * 1e-4, cache.get(i * 1e-4)[0]);
    }
    assertTrue(builds.get() <= 2 + 10 * TuningCache.MAX_ENTRIES);
  }
}
