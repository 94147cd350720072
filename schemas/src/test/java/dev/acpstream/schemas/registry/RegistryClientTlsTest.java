package dev.acpstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.avro.MediaLabel;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL TEST (scripted HTTPS server, not a registry): the schema.registry.ssl.* settings make
 * the client trust a private CA, and without them the handshake fails with a clear error.
 */
class RegistryClientTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static ScriptedHttpServer server;
  private static Path trustStore;

  @BeforeAll
  static void startHttps() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    X500Name name = new X500Name("CN=acp-test-registry");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", pair.getPrivate(), PASSWORD, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    server = new ScriptedHttpServer(serverTls);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("registry-ca", cert);
    trustStore = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void trustsTheRegistryThroughTheConfiguredTrustStore() {
    server.then(200, "{\"id\":21}");
    Map<String, String> config = base();
    config.put("schema.registry.ssl.truststore.location", trustStore.toString());
    config.put("schema.registry.ssl.truststore.password", new String(PASSWORD));
    config.put("schema.registry.ssl.truststore.type", "PKCS12");
    assertEquals(21, client(config).register("s", MediaLabel.getClassSchema()));
  }

  @Test
  void withoutTheTrustStoreTheHandshakeFailsClearly() {
    RegistryException e = assertThrows(RegistryException.class,
        () -> client(base()).register("s", MediaLabel.getClassSchema()));
    assertEquals(0, e.httpStatus());
    assertTrue(e.getMessage().contains("SSL") || e.getMessage().contains("certificat"), e.getMessage());
  }

  @Test
  void aWrongTrustStorePasswordIsNamed() {
    Map<String, String> config = base();
    config.put("schema.registry.ssl.truststore.location", trustStore.toString());
    config.put("schema.registry.ssl.truststore.password", "wrong");
    config.put("schema.registry.ssl.truststore.type", "PKCS12");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client(config));
    assertTrue(e.getMessage().contains(trustStore.toString()), e.getMessage());
  }

  private static Map<String, String> base() {
    Map<String, String> config = new HashMap<>();
    config.put(RegistryClientConfig.URL, server.url("/apis/ccompat/v7"));
    config.put(RegistryClientConfig.MAX_RETRIES, "0");
    return config;
  }

  private static SchemaRegistryClient client(Map<String, String> config) {
    return new SchemaRegistryClient(RegistryClientConfig.from(new ConfigValues(config)).orElseThrow());
  }
}
