package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalStateGuardTest {

  @TempDir
  Path state;

  private Path globalStore() throws Exception {
    Path store = state.resolve("app").resolve(GlobalStateGuard.GLOBAL_DIR).resolve("rocksdb").resolve("models");
    Files.createDirectories(store);
    Files.writeString(store.resolve("000001.sst"), "data");
    return store;
  }

  @Test
  void theGlobalStateOfAnUncleanStopIsDeletedAndThatOfACleanStopKept() throws Exception {
    Path store = globalStore();
    try (GlobalStateGuard g = GlobalStateGuard.acquire(state, "app")) {
      assertTrue(g.wipedAtStart(), "no clean-stop marker: the last stop was a crash");
      assertFalse(Files.exists(state.resolve("app").resolve(GlobalStateGuard.GLOBAL_DIR)));
      g.markCleanStop();
    }
    store = globalStore();
    try (GlobalStateGuard g = GlobalStateGuard.acquire(state, "app")) {
      assertFalse(g.wipedAtStart());
      assertTrue(Files.exists(store.resolve("000001.sst")), "a clean stop keeps the stores");
      assertFalse(Files.exists(state.resolve("app").resolve(GlobalStateGuard.CLEAN_MARKER)),
          "while running, the marker is gone: a crash now counts as unclean");
    }
    try (GlobalStateGuard g = GlobalStateGuard.acquire(state, "app")) {
      assertTrue(g.wipedAtStart(), "the previous instance never recorded a clean stop");
    }
  }

  @Test
  void aFreshDirectoryHasNothingToDelete() {
    try (GlobalStateGuard g = GlobalStateGuard.acquire(state, "fresh")) {
      assertFalse(g.wipedAtStart());
    }
  }

  @Test
  void aDirectoryInUseIsRefusedNamingIt() throws Exception {
    try (GlobalStateGuard first = GlobalStateGuard.acquire(state, "app")) {
      Path store = globalStore(); // the running instance's stores, no clean-stop marker

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> GlobalStateGuard.acquire(state, "app"));
      assertTrue(e.getMessage().contains(state.resolve("app").toString()) && e.getMessage().contains("in use"),
          e.getMessage());
      assertTrue(Files.exists(store.resolve("000001.sst")), "nothing of the running instance was touched");
    }
  }
}
