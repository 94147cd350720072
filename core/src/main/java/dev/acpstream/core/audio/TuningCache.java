package dev.acpstream.core.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleFunction;

/**
 * Filter banks (or anything else built from a tuning offset) kept per exact tuning value.
 * librosa's estimates are quantised to 0.01 of a bin, so a stream of windows needs a handful;
 * callers passing unquantised values cannot grow it past {@link #MAX_ENTRIES}: it is emptied
 * instead. Thread-safe.
 */
final class TuningCache<T> {

  static final int MAX_ENTRIES = 128;

  private final Map<Long, T> entries = new ConcurrentHashMap<>();
  private final DoubleFunction<T> build;

  TuningCache(DoubleFunction<T> build) {
    this.build = build;
  }

  T get(double tuning) {
    if (entries.size() > MAX_ENTRIES) {
      entries.clear();
    }
    return entries.computeIfAbsent(Double.doubleToLongBits(tuning), k -> build.apply(tuning));
  }
}
