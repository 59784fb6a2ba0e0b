package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Operands;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TFloating;

/**
 * A model variable ({@code VariableV2}, the kind TF's saver and SavedModel exporter cover) with an assign op fed
 * from a placeholder. Values are always set from Java by feeding, never baked into the graph as constants, so
 * the graph stays small and exported models do not carry their weights twice.
 *
 * <p>The variable op is named exactly as the weight ({@code dense/bias}): TF's saver keys checkpoints and
 * SavedModels by op name, so a reader of an exported model sees the archive's names. Through TF Java's name scopes
 * the names drifted: there a sub-scope and an op share one namespace, and each new sub-scope {@code dense} of the
 * root takes the next free name, so after the kernel, its placeholder and its assign op the bias of layer {@code
 * dense} became {@code dense_3/bias} (the name another layer's bias has in the archive); nor can an op {@code bias}
 * sit beside a sub-scope {@code bias} holding its placeholder and assign op. Variables are the first ops of every
 * graph that holds them, and weight and slot names are unique, so exact names never collide; the scopes made later
 * read the names already in the graph and keep clear of them.
 */
record TfVariable<T extends TFloating>(String name, Shape shape, Variable<T> variable, Placeholder<T> value,
    Assign<T> assign) {

  /**
   * Creates ops named exactly {@code <name>}, {@code <name>/value} and {@code <name>/assign}. They are built from
   * the op definitions rather than through {@code Ops}, whose every name passes through the name scopes; TF's graph
   * refuses a duplicate name, which is why only names known to be free are given so (see the class comment).
   */
  static <T extends TFloating> TfVariable<T> create(TfScope<T> root, String name, Shape shape) {
    int[] d = shape.dims();
    long[] dims = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i];
    }
    Scope scope = root.tf().scope();
    ExecutionEnvironment graph = scope.env();
    org.tensorflow.ndarray.Shape tfShape = org.tensorflow.ndarray.Shape.of(dims);
    DataType type = Operands.toDataType(root.type());
    Variable<T> v = new Variable<>(graph.opBuilder(Variable.OP_NAME, name, scope).setAttr("shape", tfShape)
        .setAttr("dtype", type).build());
    Placeholder<T> p = new Placeholder<>(graph.opBuilder(Placeholder.OP_NAME, name + "/value", scope)
        .setAttr("dtype", type).setAttr("shape", tfShape).build());
    Assign<T> a = new Assign<>(graph.opBuilder(Assign.OP_NAME, name + "/assign", scope).addInput(v.asOutput())
        .addInput(p.asOutput()).build());
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
