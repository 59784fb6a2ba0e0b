package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A model variable ({@code VariableV2}, the kind TF's saver and SavedModel exporter cover) with an assign op fed
 * from a placeholder. Values are always set from Java by feeding, never baked into the graph as constants, so
 * the graph stays small and exported models do not carry their weights twice.
 *
 * <p>The variable op is named exactly as the weight ({@code dense_3/bias}): TF's saver keys checkpoints and
 * SavedModels by op name, so a reader of an exported model sees the archive's names. TF Java's name scopes would
 * drift instead ({@code dense_3_9/bias}): a scope name and an op name share one namespace there, so the second
 * sub-scope {@code dense_3} of a layer with several weights becomes {@code dense_3_1}, and an op {@code bias} cannot
 * sit beside a sub-scope {@code bias} holding its placeholder and assign op. Variables are the first ops of every
 * graph that holds them, and weight and slot names are unique, so exact names never collide; the scopes made later
 * read the names already in the graph and keep clear of them.
 */
record TfVariable<T extends TFloating>(String name, Shape shape, Variable<T> variable, Placeholder<T> value,
    Assign<T> assign) {

  /** Creates ops named exactly {@code <name>}, {@code <name>/value} and {@code <name>/assign}. */
  static <T extends TFloating> TfVariable<T> create(TfScope<T> root, String name, Shape shape) {
    int[] d = shape.dims();
    long[] dims = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i];
    }
    Scope scope = root.tf().scope();
    org.tensorflow.ndarray.Shape tfShape = org.tensorflow.ndarray.Shape.of(dims);
    Variable<T> v = Variable.create(new ExactName(scope, name), tfShape, root.type());
    Placeholder<T> p = Placeholder.create(new ExactName(scope, name + "/value"), root.type(),
        Placeholder.shape(tfShape));
    Assign<T> a = Assign.create(new ExactName(scope, name + "/assign"), v, p);
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

  /**
   * {@code scope} with the name of the next op given whole, {@code /} included; TF's graph refuses a duplicate
   * name, which is why only names that are known to be free are given so (see the class comment).
   */
  private record ExactName(Scope scope, String fullName) implements Scope {
    @Override
    public String makeOpName(String defaultName) {
      return fullName;
    }

    @Override
    public ExecutionEnvironment env() {
      return scope.env();
    }

    @Override
    public Scope withSubScope(String childScopeName) {
      return scope.withSubScope(childScopeName);
    }

    @Override
    public Scope withName(String opName) {
      return scope.withName(opName);
    }

    @Override
    public Scope withNameAsSubScope(String defaultName) {
      return scope.withNameAsSubScope(defaultName);
    }

    @Override
    public Scope withDevice(DeviceSpec newDevice) {
      return scope.withDevice(newDevice);
    }

    @Override
    public Scope withInitScope() {
      return scope.withInitScope();
    }

    @Override
    public String makeUnique(String id) {
      return scope.makeUnique(id);
    }

    @Override
    public void refreshNames() {
      scope.refreshNames();
    }

    @Override
    public Scope withControlDependencyOps(Iterable<Operation> controls) {
      return scope.withControlDependencyOps(controls);
    }

    @Override
    public OperationBuilder apply(OperationBuilder builder) {
      return scope.apply(builder);
    }

    @Override
    public String getDeviceString() {
      return scope.getDeviceString();
    }

    @Override
    public boolean isInit() {
      return scope.isInit();
    }
  }
}
