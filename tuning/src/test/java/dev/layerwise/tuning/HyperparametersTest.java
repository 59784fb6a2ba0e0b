package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed getters, messages naming what exists, order-free equality and a stable id. */
class HyperparametersTest {
  static Hyperparameters h(Object... nameValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put((String) nameValues[i], nameValues[i + 1]);
    }
    return Hyperparameters.of(m);
  }

  @Test
  void gettersReadEachKind() {
    Hyperparameters p = h("lr", 0.00123, "units", 128, "optimizer", "sgd", "nesterov", true);
    assertEquals(0.00123, p.getDouble("lr"));
    assertEquals(128, p.getInt("units"));
    assertEquals(128.0, p.getDouble("units"));
    assertEquals("sgd", p.getString("optimizer"));
    assertTrue(p.getBoolean("nesterov"));
    assertTrue(p.has("lr"));
    assertFalse(p.has("momentum"));
    assertEquals(List.of("lr", "units", "optimizer", "nesterov"), List.copyOf(p.values().keySet()));
  }

  @Test
  void missingOrMistypedNamesTheParameterAndWhatExists() {
    Hyperparameters p = h("lr", 0.00123, "units", 128);
    var missing = assertThrows(IllegalArgumentException.class, () -> p.getDouble("momentum"));
    assertTrue(missing.getMessage().contains("'momentum'"), missing.getMessage());
    assertTrue(missing.getMessage().contains("[lr, units]"), missing.getMessage());
    var kind = assertThrows(IllegalArgumentException.class, () -> p.getInt("lr"));
    assertEquals("hyperparameter 'lr': expected an Integer, given 0.00123 (Double)", kind.getMessage());
    var bad = assertThrows(IllegalArgumentException.class, () -> h("units", 3L));
    assertEquals("hyperparameter 'units': expected a Double, Integer, String or Boolean, given 3 (Long)",
        bad.getMessage());
  }

  @Test
  void toStringIsShortAndIdIsStable() {
    Hyperparameters p = h("lr", 0.00123, "units", 128);
    assertEquals("{lr=0.00123, units=128}", p.toString());
    assertEquals("{lr=1.23E-7, x=0.5}", h("lr", 1.2345e-7, "x", 0.5).toString());
    assertEquals("lr=d:0.00123;units=i:128", p.canonical());
    // sha256("lr=d:0.00123;units=i:128") computed outside Java (python hashlib): 13fd36cb8b44…
    assertEquals("13fd36cb8b44", p.id());
  }

  @Test
  void equalityIgnoresOrderButNotTypes() {
    assertEquals(h("a", 1, "b", "x"), h("b", "x", "a", 1));
    assertEquals(h("a", 1, "b", "x").id(), h("b", "x", "a", 1).id());
    assertEquals(h("a", 1, "b", "x").hashCode(), h("b", "x", "a", 1).hashCode());
    assertNotEquals(h("a", 1), h("a", 1.0));
    assertNotEquals(h("a", 1).id(), h("a", 1.0).id());
    assertNotEquals(h("a", 1).id(), h("a", "1").id());
  }

  @Test
  void encodedFormReadsBackExactlyAndInOrder() {
    Hyperparameters p = h("units", 128, "lr", 1.0 / 3, "optimizer", "a;b=c:d", "nesterov", false, "x", 1e-300);
    assertEquals("units=i:128;lr=d:0.3333333333333333;optimizer=s:7:a;b=c:d;nesterov=b:false;x=d:1.0E-300",
        p.encoded());
    Hyperparameters back = Hyperparameters.parse(p.encoded());
    assertEquals(p, back);
    assertEquals(p.toString(), back.toString());
    assertEquals(p, Hyperparameters.parse(p.canonical()));
    assertEquals(Hyperparameters.empty(), Hyperparameters.parse(""));
    var bad = assertThrows(IllegalArgumentException.class, () -> Hyperparameters.parse("lr=q:1"));
    assertTrue(bad.getMessage().startsWith("hyperparameters: cannot read 'lr=q:1' at character 0"), bad.getMessage());
    var name = assertThrows(IllegalArgumentException.class, () -> h("a=b", 1));
    assertEquals("hyperparameter names must be non-blank and free of '=' and ';', given 'a=b'", name.getMessage());
  }

  @Test
  void withReplacesOneValue() {
    Hyperparameters p = h("lr", 0.1, "units", 128).with("lr", 0.01);
    assertEquals(h("lr", 0.01, "units", 128), p);
    assertEquals("{lr=0.01, units=128}", p.toString());
  }
}
