package dev.acpstream.schemas;

import dev.acpstream.schemas.registry.CompatibilityLevel;
import dev.acpstream.schemas.registry.RegisteredSchema;
import dev.acpstream.schemas.registry.SchemaRegistryClient;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Puts the catalog's value schemas into a registry under the product's evolution rule.
 *
 * <p>Registries differ in their default compatibility (Confluent: BACKWARD; Apicurio: no rule at
 * all, so anything would be accepted). Setting the level per subject before registering makes
 * "BACKWARD" true whatever the registry; run it at deployment (or start-up) and producers can
 * then use {@code auto.register.schemas=false}.
 */
public final class SchemaRegistrar {

  /** One subject as it stands after {@link #ensureSchemas}. */
  public record Registered(String topic, String subject, int id, int version) {}

  private SchemaRegistrar() {}

  /** Sets {@code level} on each topic's value subject and registers its schema (idempotent). */
  public static List<Registered> ensureSchemas(
      SchemaRegistryClient client, SerdeConfig config, Collection<? extends TopicSpec<?, ?>> specs,
      CompatibilityLevel level) {
    List<Registered> out = new ArrayList<>();
    for (TopicSpec<?, ?> spec : specs) {
      if (!SpecificRecord.class.isAssignableFrom(spec.valueType())) {
        continue; // not an Avro topic: nothing to register
      }
      Schema schema = SpecificData.get().getSchema(spec.valueType());
      String subject = config.valueSubjectStrategy().subject(spec.name(), false, schema);
      client.setCompatibility(subject, level);
      client.register(subject, schema);
      RegisteredSchema registered = client.lookup(subject, schema);
      out.add(new Registered(spec.name(), subject, registered.id(), registered.version()));
    }
    return out;
  }
}
