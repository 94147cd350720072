package dev.acpstream.schemas;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro 1.12 load the product's generated contract classes by name, and nothing else.
 *
 * <p>Since Avro 1.11.4/1.12.0 (CVE-2024-47561) every class Avro loads by name ({@code
 * ClassUtils.forName}) must pass {@code ClassSecurityValidator}: by default only a fixed list of
 * {@code java.lang}/{@code java.math} classes, plus the packages/classes named in the system
 * properties {@code org.apache.avro.SERIALIZABLE_PACKAGES} / {@code SERIALIZABLE_CLASSES} (read
 * once, when Avro's validator class initialises). That check is hit not only by readers but also
 * by the generated code itself: {@code AudioChunk.newBuilder(existing)} deep-copies and loads
 * {@code AudioEncoding} by name, and throws {@code SecurityException} without trust.
 *
 * <p>The serdes do not depend on this (they map names to classes from their own compiled schema;
 * see {@code CatalogSpecificData}). For everything else, {@link #install()} adds to Avro's global
 * validator a predicate trusting exactly the {@link AvroGenerated} classes of package {@value
 * #CONTRACTS_PACKAGE}, keeping whatever was trusted before (so {@code SERIALIZABLE_PACKAGES} still
 * works). Loading {@link Topics} installs it, so any service using the catalog has it; code that
 * uses the records without the catalog calls {@code AvroTrust.install()} once at start-up, or
 * runs with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.acpstream.schemas.avro}.
 */
public final class AvroTrust {

  /** The package of the generated contract classes. */
  public static final String CONTRACTS_PACKAGE = "dev.acpstream.schemas.avro";

  private AvroTrust() {}

  /** Idempotent; thread-safe. */
  public static synchronized void install() {
    ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (current instanceof ContractsTrusted) {
      return;
    }
    ClassSecurityValidator.setGlobal(new ContractsTrusted(current));
  }

  /** True for the classes the build generated from the product's .avsc contracts. */
  public static boolean isContractClass(Class<?> c) {
    return c.getPackageName().equals(CONTRACTS_PACKAGE) && c.isAnnotationPresent(AvroGenerated.class);
  }

  private record ContractsTrusted(ClassSecurityPredicate previous) implements ClassSecurityPredicate {
    @Override
    public boolean isTrusted(Class<?> c) {
      return isContractClass(c) || previous.isTrusted(c);
    }

    @Override
    public void forbiddenClass(String className) {
      previous.forbiddenClass(className);
    }
  }
}
