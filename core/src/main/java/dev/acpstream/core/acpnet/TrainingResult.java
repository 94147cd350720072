package dev.acpstream.core.acpnet;

/** A trained model and the report of how it was trained. */
public record TrainingResult(AcpNetArtifact artifact, TrainingReport report) {}
