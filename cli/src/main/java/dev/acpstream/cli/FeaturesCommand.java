package dev.acpstream.cli;

import picocli.CommandLine.Command;

/** {@code acp features}: the paper's feature extractors on files, one JSON line per result. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Compute features of media files: the 193-d music feature or an image backbone's vector.",
    subcommands = {FeaturesAudioCommand.class, FeaturesImageCommand.class})
final class FeaturesCommand {}
