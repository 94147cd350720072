package dev.acpstream.cli;

import picocli.CommandLine.Command;

/** {@code acp ingest}: media into a running acp-stream. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Sends media to a running acp-stream's Kafka cluster (see 'acp serve').",
    subcommands = {IngestImagesCommand.class, IngestAudioCommand.class})
final class IngestCommand {}
