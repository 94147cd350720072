package dev.acpstream.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (both paths given, so Selenium
 * never looks for or downloads a browser). Tests that need it skip when it is not installed;
 * {@code .ci/run} installs it.
 */
final class Chromium {

  static final Path BROWSER = Path.of(System.getProperty("acp.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("acp.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "skipped: headless browser tests need Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
            + "); install them with: apt-get install -y chromium chromium-driver (.ci/run does)");
  }

  static ChromeDriver start(Path profile) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(BROWSER.toFile());
    // The flags known to work on this machine kind: no sandbox as root, and no background
    // connections (the network is closed, and they would only fail and retry).
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1600", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, o);
  }

  /** Where screenshots are kept as test artefacts ({@code web/target/browser-artefacts}). */
  static Path artefacts() throws java.io.IOException {
    return Files.createDirectories(Path.of(System.getProperty("acp.web.artefacts.dir", "target/browser-artefacts")));
  }
}
