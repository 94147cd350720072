package dev.acpstream.cli;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code acp model publish}: put a trained artifact on models.acpnet as the champion or the shadow challenger. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Manages the models the live topology scores with.",
    subcommands = {ModelCommand.Publish.class})
final class ModelCommand {

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Publishes an ACP-Net artifact (from acp train) to models.acpnet. Every running topology instance "
            + "loads it for its next item, without a restart: as 'champion' it produces every score; as "
            + "'challenger' it scores in the shadow (each score carries its probability beside the "
            + "champion's) until withdrawn with --withdraw.",
      })
  static final class Publish implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The model artifact.")
    Path file;

    @Option(names = "--as", defaultValue = ModelRecords.CHAMPION,
        description = "champion or challenger (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--version", description = "Version id (default: the file name).")
    String version;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:ACP_BOOTSTRAP_SERVERS:-localhost:9092}",
        description = "Kafka (default: $ACP_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:ACP_SCHEMA_REGISTRY_URL}",
        description = "Confluent-compatible registry (default: none: Avro single-object encoding).")
    String registryUrl;

    @Option(names = "--withdraw", description = "Withdraw the challenger instead (a tombstone).")
    boolean withdraw;

    @Override
    public Integer call() throws Exception {
      if (!role.equals(ModelRecords.CHAMPION) && !role.equals(ModelRecords.CHALLENGER)) {
        throw new IllegalArgumentException("--as must be champion or challenger, got '" + role + "'");
      }
      if (withdraw != (file == null)) {
        throw new IllegalArgumentException(withdraw ? "--withdraw takes no FILE" : "give the model FILE to publish");
      }
      if (withdraw && !role.equals(ModelRecords.CHALLENGER)) {
        throw new IllegalArgumentException("only the challenger can be withdrawn; a champion is replaced");
      }
      SerdeConfig serdes = ClientSettings.serdes(registryUrl);
      AcpNetModel record = null;
      if (!withdraw) {
        AcpNetArtifact artifact = AcpNetArtifact.load(file);
        record = ModelRecords.published(role, version != null ? version : file.getFileName().toString(), artifact,
            java.nio.file.Files.readAllBytes(file), "published by acp model publish from " + file.getFileName());
      }
      Map<String, Object> client = ClientSettings.connection(bootstrapServers);
      client.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_MESSAGE_BYTES);
      try (KafkaProducer<String, AcpNetModel> producer = new KafkaProducer<>(client,
          Topics.MODELS_ACPNET.keySerde(serdes).serializer(), Topics.MODELS_ACPNET.valueSerde(serdes).serializer())) {
        producer.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), role, record)).get();
      }
      spec.commandLine().getOut().println(withdraw ? "withdrew the challenger"
          : "published " + record.getVersion() + " as " + role + " to " + Topics.MODELS_ACPNET.name());
      return 0;
    }
  }
}
