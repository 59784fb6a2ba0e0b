package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A model variable ({@code VariableV2}, the kind TF's saver and SavedModel exporter cover) with an assign op fed
 * from a placeholder. Values are always set from Java by feeding, never baked into the graph as constants, so
 * the graph stays small and exported models do not carry their weights twice.
 */
record TfVariable<T extends TFloating>(String name, Shape shape, Variable<T> variable, Placeholder<T> value,
    Assign<T> assign) {

  /** Creates {@code <name>} with {@code <name>/value} and {@code <name>/assign} ops. */
  static <T extends TFloating> TfVariable<T> create(TfScope<T> root, String name, Shape shape) {
    int[] d = shape.dims();
    long[] dims = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i];
    }
    var tf = root.tf();
    Variable<T> v = TfScope.named(tf, name).variable(org.tensorflow.ndarray.Shape.of(dims), root.type());
    Placeholder<T> p = root.placeholder(name + "/value", dims);
    Assign<T> a = TfScope.named(tf, name + "/assign").assign(v, p);
    return new TfVariable<>(name, shape, v, p, a);
  }

  /** Sets the given variables in one run; every value must name one of them with the right shape. */
  static <T extends TFloating> void assignAll(Session session, Map<String, TfVariable<T>> vars,
      Map<String, TensorValue> values, boolean isDouble) {
    for (Map.Entry<String, TensorValue> e : values.entrySet()) {
      TfVariable<T> v = vars.get(e.getKey());
      if (v == null) {
        throw new IllegalArgumentException("no variable '" + e.getKey() + "'; the model has " + vars.keySet());
      }
      if (!v.shape().equals(e.getValue().shape())) {
        throw new IllegalArgumentException("'" + e.getKey() + "' has shape " + v.shape()
            + ", got a value of shape " + e.getValue().shape());
      }
    }
    if (values.isEmpty()) {
      return;
    }
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, TensorValue> e : values.entrySet()) {
        TfVariable<T> v = vars.get(e.getKey());
        Tensor t = TfTensors.create(isDouble, e.getValue());
        owned.add(t);
        runner.feed(v.value(), t).addTarget(v.assign());
      }
      runner.run();
    } finally {
      owned.forEach(Tensor::close);
    }
  }
}
