package dev.acpstream.schemas.registry;

/** The registry's compatibility levels (Confluent names). The product's contracts use BACKWARD. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE
}
