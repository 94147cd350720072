package dev.acpstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the SSLContext for {@link TlsSettings}; failures name the store that could not load. */
final class TlsContexts {

  private TlsContexts() {}

  static SSLContext build(TlsSettings tls) {
    try {
      TrustManagerFactory tmf = null;
      if (tls.trustStoreLocation().isPresent()) {
        KeyStore trust = load(tls.trustStoreLocation().get(), tls.trustStoreType(),
            tls.trustStorePassword(), "truststore");
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (tls.keyStoreLocation().isPresent()) {
        KeyStore keys = load(tls.keyStoreLocation().get(), tls.keyStoreType(),
            tls.keyStorePassword(), "keystore");
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] keyPassword = tls.keyPassword().or(tls::keyStorePassword).map(String::toCharArray)
            .orElse(new char[0]);
        kmf.init(keys, keyPassword);
      }
      SSLContext ctx = SSLContext.getInstance(tls.protocol());
      ctx.init(kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("schema registry TLS settings are unusable: " + e, e);
    }
  }

  private static KeyStore load(String location, String type, Optional<String> password,
      String what) {
    Path path = Path.of(location);
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore ks = KeyStore.getInstance(type);
      ks.load(in, password.map(String::toCharArray).orElse(null));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          TlsSettings.PREFIX + what + ".location '" + location + "' (" + type
              + ") could not be loaded: " + e.getMessage(), e);
    }
  }
}
