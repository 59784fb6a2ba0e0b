package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layer names become TF scope names: every layer record checks them with the same rule. */
class LayerNamesTest {

  @Test
  void aSlashIsRejectedByEveryLayerNamingTheTypeAndTheName() {
    assertRejected("Dense", () -> Dense.units(3).withName("block/dense"));
    assertRejected("Activation", () -> Activation.of(ActivationFn.RELU).withName("block/relu"));
    assertRejected("Flatten", () -> Flatten.create().withName("block/flatten"));
    assertRejected("Input", () -> Input.shape(3).withName("block/input"));
  }

  private static void assertRejected(String type, Runnable create) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create::run);
    assertTrue(e.getMessage().startsWith(type + ": name must match"), e.getMessage());
    assertTrue(e.getMessage().contains("no '/'"), e.getMessage());
    assertTrue(e.getMessage().contains("got 'block/"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " dense", "_hidden", "dense 1", "dense:0", "dénse"})
  void otherInvalidNamesAreRejected(String name) {
    assertThrows(IllegalArgumentException.class, () -> Dense.units(1).withName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense", "Dense_1", "block1.conv-2", "0layer", "x"})
  void validNamesAreAccepted(String name) {
    assertEquals(name, assertDoesNotThrow(() -> Dense.units(1).withName(name)).name());
  }
}
