package dev.acpstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level {@code bin/acp} commands and their option names, read from the cli module's
 * sources: the cli module depends on this one, so its picocli command tree is not on this
 * module's classpath. The root's {@code subcommands = {...}} lists the classes; each class's
 * {@code @Command(name = ...)} names the command and its {@code @Option(names = ...)} (and those of
 * its {@code @Mixin}s) the options. A renamed command or option makes the deployment tests fail.
 */
final class CliCommands {

  static final Path CLI_SOURCES = DeploymentFiles.ROOT.resolve("cli/src/main/java/dev/acpstream/cli");

  private static final Pattern SUBCOMMANDS = Pattern.compile("subcommands\\s*=\\s*\\{([^}]*)}");
  private static final Pattern COMMAND_NAME = Pattern.compile("@Command\\(\\s*name\\s*=\\s*\"([\\w-]+)\"");
  private static final Pattern OPTION_NAMES = Pattern.compile("@Option\\(\\s*names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern MIXIN = Pattern.compile("@Mixin\\s+(\\w+)\\s");
  private static final Set<String> STANDARD_HELP = Set.of("-h", "--help", "-V", "--version");

  private CliCommands() {}

  /** Each top-level command's name and the options it accepts. */
  static Map<String, Set<String>> topLevel() {
    String root = read("AcpCli");
    Matcher list = SUBCOMMANDS.matcher(root);
    if (!list.find()) {
      throw new AssertionError("AcpCli.java lists no subcommands");
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String entry : list.group(1).split(",")) {
      String cls = entry.trim().replace(".class", "");
      if (cls.isEmpty() || cls.contains(".")) {
        continue; // picocli's own HelpCommand
      }
      String source = read(cls);
      Matcher name = COMMAND_NAME.matcher(source);
      if (!name.find()) {
        throw new AssertionError(cls + ".java has no @Command(name = ...)");
      }
      out.put(name.group(1), options(source));
    }
    return out;
  }

  private static Set<String> options(String source) {
    Set<String> names = new TreeSet<>();
    Matcher m = OPTION_NAMES.matcher(source);
    while (m.find()) {
      Matcher q = QUOTED.matcher(m.group(1));
      while (q.find()) {
        names.add(q.group(1));
      }
    }
    Matcher mixin = MIXIN.matcher(source);
    while (mixin.find()) {
      names.addAll(options(read(mixin.group(1))));
    }
    if (source.contains("mixinStandardHelpOptions = true")) {
      names.addAll(STANDARD_HELP);
    }
    return names;
  }

  private static String read(String cls) {
    try {
      return Files.readString(CLI_SOURCES.resolve(cls + ".java"));
    } catch (IOException e) {
      throw new UncheckedIOException("no source for " + cls + " under " + CLI_SOURCES, e);
    }
  }
}
