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
      FeaturesCommand.class,
      TrainCommand.class,
      TrainerCommand.class,
      EvaluateCommand.class,
      TopologyCommand.class,
      ModelCommand.class,
      ServeCommand.class,
      IngestCommand.class,
      LabelCommand.class,
    })
public final class AcpCli {

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The command line as users get it: a failure the user can fix (a missing file, a bad value)
   * prints one line naming the input instead of a stack trace; set ACP_DEBUG=1 for the trace.
   */
  public static CommandLine newCommandLine() {
    CommandLine cmd = new CommandLine(new AcpCli()).setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("acp " + commandLine.getCommandName() + ": " + e.getMessage());
          if (System.getenv("ACP_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    return cmd;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AcpCli.class.getPackage().getImplementationVersion();
      return new String[] {"acp-stream " + (v == null ? "development build" : v)};
    }
  }
}
