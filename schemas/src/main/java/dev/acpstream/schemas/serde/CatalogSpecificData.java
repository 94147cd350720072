package dev.acpstream.schemas.serde;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link SpecificData} that resolves record, enum and fixed classes only from the reader's own
 * compiled schema, so reading needs no {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 *
 * <p>Why: since Avro 1.11.4/1.12.0 (CVE-2024-47561) every class Avro loads by name goes through
 * {@code ClassUtils.forName} and then {@code ClassSecurityValidator.validate}, which trusts only a
 * fixed list of {@code java.lang}/{@code java.math} classes plus the packages/classes named in the
 * system properties {@code org.apache.avro.SERIALIZABLE_PACKAGES} / {@code
 * org.apache.avro.SERIALIZABLE_CLASSES} (comma separated, read once when Avro's validator class
 * initialises; {@code *} trusts everything). A plain {@code SpecificDatumReader} for a record in
 * {@code dev.acpstream.schemas.avro} therefore throws {@code SecurityException} unless that
 * property was set before Avro first loaded. Setting a JVM-wide property from a library is
 * fragile (too late once Avro has initialised) and widens trust for everyone; instead this model
 * maps names to classes up front from the reader class's compiled schema — names the build
 * produced, never names taken from incoming bytes — so nothing is loaded by name at read time.
 * Logical-type conversions are copied from the generated class's own model.
 */
final class CatalogSpecificData extends SpecificData {

  private final Map<String, Class<?>> known;

  CatalogSpecificData(Class<? extends SpecificRecord> type, Schema readerSchema) {
    super(type.getClassLoader());
    SpecificData.getForClass(type).getConversions().forEach(this::addLogicalTypeConversion);
    Map<String, Class<?>> classes = new HashMap<>();
    collect(readerSchema, type.getClassLoader(), classes,
        Collections.newSetFromMap(new IdentityHashMap<>()));
    this.known = Map.copyOf(classes);
  }

  @Override
  public Class getClass(Schema schema) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        Class<?> c = known.get(schema.getFullName());
        if (c != null) {
          return c;
        }
        return super.getClass(schema);
      }
      default -> {
        return super.getClass(schema);
      }
    }
  }

  private static void collect(
      Schema s, ClassLoader loader, Map<String, Class<?>> out, Set<Schema> seen) {
    if (!seen.add(s)) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        load(s, loader, out);
        s.getFields().forEach(f -> collect(f.schema(), loader, out, seen));
      }
      case ENUM, FIXED -> load(s, loader, out);
      case ARRAY -> collect(s.getElementType(), loader, out, seen);
      case MAP -> collect(s.getValueType(), loader, out, seen);
      case UNION -> s.getTypes().forEach(t -> collect(t, loader, out, seen));
      default -> { }
    }
  }

  private static void load(Schema s, ClassLoader loader, Map<String, Class<?>> out) {
    try {
      out.put(s.getFullName(), Class.forName(SpecificData.getClassName(s), false, loader));
    } catch (ClassNotFoundException e) {
      // A named type without a generated class is read generically, as SpecificData would.
    }
  }
}
