package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's summary of functional models ({@code keras/src/utils/summary_utils.py}): the inputs are rows, a
 * "Connected to" column names each tensor a layer takes as {@code layer[node][tensor]}, a shared layer is one row
 * listing the tensors of all its applications, and a plain chain has no such column. Sequential models keep the
 * table they had before graphs existed.
 */
class FunctionalSummaryTest {

  /** x → h → dense, then add(x, dense) → out: the smallest residual connection. */
  static Model residual() {
    SymbolicTensor x = Input.shape(4).withName("x").tensor();
    SymbolicTensor h = Dense.units(4).withActivation(ActivationFn.RELU).withName("h").apply(x);
    SymbolicTensor r = Add.create().apply(x, Dense.units(4).apply(h));
    return Model.of(x, Dense.units(2).withName("out").apply(r)).withName("residual");
  }

  @Test
  void aResidualModelShowsWhatEachLayerIsConnectedTo() {
    // params: h and dense 4·4 + 4 = 20 each, out 4·2 + 2 = 10; 50 · 4 bytes = 200 B
    assertEquals("""
        Model: "residual"
        +---------------+--------------+---------+--------------+
        | Layer (type)  | Output Shape | Param # | Connected to |
        +===============+==============+=========+==============+
        | x (Input)     | (None, 4)    |       0 | -            |
        | h (Dense)     | (None, 4)    |      20 | x[0][0]      |
        | dense (Dense) | (None, 4)    |      20 | h[0][0]      |
        | add (Add)     | (None, 4)    |       0 | x[0][0],     |
        |               |              |         | dense[0][0]  |
        | out (Dense)   | (None, 2)    |      10 | add[0][0]    |
        +---------------+--------------+---------+--------------+
         Total params: 50 (200.00 B)
         Trainable params: 50 (200.00 B)
         Non-trainable params: 0 (0.00 B)
        """, residual().summary());
  }

  @Test
  void aSharedLayerIsOneRowListingTheTensorsOfAllItsApplications() {
    // Keras's shared-layer example: one Dense applied to two inputs, its outputs concatenated
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    Dense shared = Dense.units(2).withName("encoder");
    SymbolicTensor both = Concatenate.create().apply(shared.apply(a), shared.apply(b));
    String s = Model.of(List.of(a, b), List.of(both)).summary();
    List<String> rows = s.lines().filter(l -> l.startsWith("| ")).toList();
    assertEquals(List.of(
        "| Layer (type)              | Output Shape | Param # | Connected to   |",
        "| a (Input)                 | (None, 3)    |       0 | -              |",
        "| b (Input)                 | (None, 3)    |       0 | -              |",
        "| encoder (Dense)           | (None, 2)    |       8 | a[0][0],       |",
        "|                           |              |         | b[0][0]        |",
        "| concatenate (Concatenate) | (None, 4)    |       0 | encoder[0][0], |",
        "|                           |              |         | encoder[1][0]  |"), rows, s);
    // 3·2 + 2, counted once
    assertTrue(s.contains(" Total params: 8 (32.00 B)"), s);
  }

  @Test
  void aTensorTakenByTwoLayersAppearsInBothRows() {
    SymbolicTensor x = Input.shape(2).withName("x").tensor();
    SymbolicTensor left = Dense.units(1).withName("left").apply(x);
    SymbolicTensor right = Dense.units(1).withName("right").apply(x);
    String s = Model.of(List.of(x), List.of(left, right)).summary();
    assertTrue(s.contains("| left (Dense)  | (None, 1)    |       3 | x[0][0]      |"), s);
    assertTrue(s.contains("| right (Dense) | (None, 1)    |       3 | x[0][0]      |"), s);
  }

  @Test
  void aFunctionalChainHasItsInputRowButNoConnectedToColumn() {
    // Keras's "sequential-like" functional model: one node per depth, each taking one tensor, nothing shared
    SymbolicTensor x = Input.shape(28, 28).withName("pixels").tensor();
    SymbolicTensor out = Dense.units(10).apply(Flatten.create().apply(x));
    String s = Model.of(x, out).summary();
    assertFalse(s.contains("Connected to"), s);
    List<String> rows = s.lines().filter(l -> l.startsWith("| ")).toList();
    assertEquals(List.of(
        "| Layer (type)      | Output Shape   | Param # |",
        "| pixels (Input)    | (None, 28, 28) |       0 |",
        "| flatten (Flatten) | (None, 784)    |       0 |",
        "| dense (Dense)     | (None, 10)     |   7,850 |"), rows, s);
  }

  @Test
  void aLayerAppliedTwiceInAChainIsNotAChain() {
    Dense twice = Dense.units(3).withName("twice");
    SymbolicTensor x = Input.shape(3).withName("x").tensor();
    String s = Model.of(x, twice.apply(twice.apply(x))).summary();
    assertTrue(s.contains("| twice (Dense) | (None, 3)    |      12 | x[0][0],     |"), s);
    assertTrue(s.contains("|               |              |         | twice[0][0]  |"), s);
  }

  @Test
  void sequentialModelsKeepTheirTableExactly() {
    // as printed before graph models existed (main at bf3bed0): no input row, no Connected to
    assertEquals("""
        Model: "fashion_mlp"
        +-------------------+--------------+---------+
        | Layer (type)      | Output Shape | Param # |
        +===================+==============+=========+
        | flatten (Flatten) | (None, 784)  |       0 |
        | dense (Dense)     | (None, 128)  | 100,480 |
        | dense_1 (Dense)   | (None, 10)   |   1,290 |
        +-------------------+--------------+---------+
         Total params: 101,770 (397.54 KB)
         Trainable params: 101,770 (397.54 KB)
         Non-trainable params: 0 (0.00 B)
        """, Sequential.of(Input.shape(28, 28), Flatten.create(), Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10)).withName("fashion_mlp").summary());
  }

  @Test
  void aSequentialModelWithASharedLayerStillListsItOnceWithoutConnections() {
    Dense shared = Dense.units(4);
    String s = Sequential.of(Input.shape(4), shared, shared).summary();
    assertFalse(s.contains("Connected to") || s.contains("input_layer"), s);
    assertEquals(1, s.split("dense \\(Dense\\)", -1).length - 1, s);
  }
}
