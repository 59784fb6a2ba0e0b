package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SequentialTest {

  @Test
  void aBadStackFailsWhenCreatedNamingTheModel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(Dense.units(3)));
    assertTrue(e.getMessage().contains("'sequential' must start with an Input"), e.getMessage());
  }

  @Test
  void defaultsAndWithers() {
    Sequential m = Sequential.of(Input.shape(4), Dense.units(2));
    assertEquals("sequential", m.name());
    assertEquals(OptionalLong.empty(), m.seed());
    Sequential named = m.withName("clf").withSeed(3);
    assertEquals("clf", named.name());
    assertEquals("clf", named.spec().name());
    assertEquals(OptionalLong.of(3), named.seed());
    assertEquals("sequential", m.name(), "withers return new models");
  }

  @Test
  void layersStayAsGivenWhileTheSpecIsNamed() {
    List<Layer> given = List.of(Input.shape(4), Dense.units(2));
    Sequential m = Sequential.of(given);
    assertEquals(given, m.layers());
    assertNull(m.layers().get(1).name());
    assertEquals("dense", m.spec().layers().get(1).name());
  }
}
