package dev.acpstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of {@code bin/acp}: each subcommand is one class in this package. */
@Command(
    name = "acp",
    mixinStandardHelpOptions = true,
    versionProvider = AcpCli.Version.class,
    description = "acp-stream: match music and images by the emotion they carry, live (ACP-Net on Kafka Streams).",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
    })
public final class AcpCli {

  public static void main(String[] args) {
    int exit = new CommandLine(new AcpCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(exit);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AcpCli.class.getPackage().getImplementationVersion();
      return new String[] {"acp-stream " + (v == null ? "development build" : v)};
    }
  }
}
