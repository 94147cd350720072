package dev.acpstream.core.audio;

/** Receives blocks of mono samples in order; the array may be reused once the call returns. */
@FunctionalInterface
public interface SampleSink {
  void accept(float[] samples, int off, int len);
}
