package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.spi.Capability;
import dev.layerwise.testing.FakeBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendTest {

  private static void assertNamesTheModulesToAdd(IllegalArgumentException e) {
    assertTrue(e.getMessage().contains("dev.layerwise:layerwise-tf"), e.getMessage());
    assertTrue(e.getMessage().contains("dev.layerwise:layerwise-reference"), e.getMessage());
  }

  @Test
  void noBackendIsRegisteredInTheApiItself() {
    // The api test-jar is on every backend's class path: a registered fake would show up there.
    assertEquals(List.of(), Backend.available());
    assertEquals(List.of(), Backend.withCapability(Capability.SAVED_MODEL_EXPORT));
  }

  @Test
  void anUnknownNameListsTheBackendsPresentAndTheModulesToAdd() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.named("nope"));
    assertTrue(e.getMessage().contains("unknown backend 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("backends on the class path: none"), e.getMessage());
    assertNamesTheModulesToAdd(e);
  }

  @Test
  void anEmptyNameIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.named(" "));
    assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Backend.named(null));
  }

  @Test
  void fromEnvironmentWithAnUnknownPropertyFailsTheSameWay() {
    String before = System.getProperty(Backend.PROPERTY);
    System.setProperty(Backend.PROPERTY, "Nope");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backend::fromEnvironment);
      assertTrue(e.getMessage().contains("unknown backend 'nope'"), e.getMessage());
      assertTrue(e.getMessage().contains("backends on the class path: none"), e.getMessage());
      assertNamesTheModulesToAdd(e);
    } finally {
      if (before == null) {
        System.clearProperty(Backend.PROPERTY);
      } else {
        System.setProperty(Backend.PROPERTY, before);
      }
    }
  }

  @Test
  void fromEnvironmentWithNothingOnTheClassPathNamesTheModulesToAdd() {
    String before = System.getProperty(Backend.PROPERTY);
    System.clearProperty(Backend.PROPERTY);
    try {
      // Whether or not LAYERWISE_BACKEND is set where the build runs, nothing can be found here.
      assertNamesTheModulesToAdd(assertThrows(IllegalArgumentException.class, Backend::fromEnvironment));
    } finally {
      if (before != null) {
        System.setProperty(Backend.PROPERTY, before);
      }
    }
  }

  @Test
  void aBackendWithoutExportSaysSoAndWhichCan() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> new FakeBackend().savedModelExporter());
    assertTrue(e.getMessage().contains("backend 'fake' cannot export SavedModels"), e.getMessage());
    assertTrue(e.getMessage().contains("backends that can: []"), e.getMessage());
  }
}
