package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Plain paths, {@code file:} URIs and remote URIs, as the journal records archive locations. */
class LocationsTest {
  @Test
  void plainPathsAreLocalAndReturnedAsGiven() {
    assertTrue(Locations.isPlainPath("target/studies/mlp/trials/t3.layerwise"));
    assertEquals(Path.of("target/studies/mlp/trials/t3.layerwise"),
        Locations.localPath("target/studies/mlp/trials/t3.layerwise"));
    assertTrue(Locations.isPlainPath("/tmp/a b/t3.layerwise"));
    assertTrue(Locations.isPlainPath("C:\\studies\\t3.layerwise"), "a drive letter is not a scheme");
    assertTrue(Locations.isPlainPath("C:/studies/t3.layerwise"));
  }

  @Test
  void fileUrisAreLocalButNotPlain() {
    assertFalse(Locations.isPlainPath("file:/tmp/a%20b/t3.layerwise"));
    assertTrue(Locations.isLocal("file:/tmp/a%20b/t3.layerwise"));
    assertEquals(Path.of("/tmp/a b/t3.layerwise"), Locations.localPath("file:/tmp/a%20b/t3.layerwise"));
  }

  @Test
  void remoteUrisAreNeitherAndCannotBeLoadedHere() {
    String hdfs = "hdfs://nn:8020/studies/mlp/trials/t3.layerwise";
    assertFalse(Locations.isLocal(hdfs));
    assertFalse(Locations.isLocal("s3a://bucket/studies/t3.layerwise"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Locations.localPath(hdfs));
    assertTrue(e.getMessage().contains(hdfs) && e.getMessage().contains("copy it here"), e.getMessage());
  }
}
