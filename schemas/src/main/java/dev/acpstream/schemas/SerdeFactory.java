package dev.acpstream.schemas;

import dev.acpstream.schemas.serde.SerdeConfig;
import org.apache.kafka.common.serialization.Serde;

/** Builds a ready-to-use serde for one side (key or value) of a topic from the serde config. */
@FunctionalInterface
public interface SerdeFactory<T> {
  Serde<T> create(SerdeConfig config, boolean isKey);
}
