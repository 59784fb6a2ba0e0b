package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SavedModelExportTest {

  @Test
  void toUsesVersionOneAndNoOutputName() {
    SavedModelExport e = SavedModelExport.to(Path.of("models", "fashion"));
    assertEquals(1, e.version());
    assertNull(e.outputName());
    assertFalse(e.overwrite());
    assertEquals(Path.of("models", "fashion", "1"), e.versionDir());
  }

  @Test
  void withersSetTheirField() {
    SavedModelExport e = SavedModelExport.to(Path.of("m")).withVersion(7).withOutputName("scores")
        .withOverwrite(true);
    assertEquals(Path.of("m", "7"), e.versionDir());
    assertEquals("scores", e.outputName());
    assertTrue(e.overwrite());
  }

  @Test
  void versionMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModelExport.to(Path.of("m")).withVersion(0));
    assertTrue(e.getMessage().contains("version must be positive") && e.getMessage().contains("got 0"),
        e.getMessage());
  }

  @Test
  void outputNameMustBeAnIdentifier() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModelExport.to(Path.of("m")).withOutputName("my output"));
    assertTrue(e.getMessage().contains("identifier") && e.getMessage().contains("'my output'"), e.getMessage());
  }
}
