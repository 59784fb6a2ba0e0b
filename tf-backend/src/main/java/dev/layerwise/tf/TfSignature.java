package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

/**
 * One signature of a loaded SavedModel, described once when it is loaded: its inputs and outputs by name, each with
 * the graph tensor to feed or fetch, and whether Java can feed an input at all. Immutable: {@link TfSavedModel}
 * reads it from any number of threads. Every check on a call ({@link #checkInputs}) runs here, in Java, before
 * anything runs in TensorFlow.
 *
 * @param inputs the inputs by name, sorted
 * @param outputs the outputs by name, sorted
 */
record TfSignature(Signature signature, ImmutableMap<String, InputEntry> inputs,
    ImmutableMap<String, OutputEntry> outputs) {

  /**
   * One input: the tensor to feed, its shape ({@code -1} for the batch), the values per sample, or, when a float
   * array cannot feed it (not DT_FLOAT, no batch dimension, unknown sample dimensions), the reason why.
   */
  record InputEntry(String name, Output<?> output, long[] dims, int featureSize, String notFeedable) {}

  /** One output: the graph tensor to fetch and what it holds. */
  record OutputEntry(String name, Output<?> output, DataType dtype, long[] dims) {}

  static TfSignature describe(Graph graph, Signature sig) {
    ImmutableMap.Builder<String, OutputEntry> outputs = ImmutableMap.builder();
    sig.getOutputs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> outputs.put(e.getKey(),
        new OutputEntry(e.getKey(), graph.outputOrThrow(e.getValue().name), e.getValue().dataType,
            e.getValue().shape.asArray())));
    ImmutableMap.Builder<String, InputEntry> inputs = ImmutableMap.builder();
    sig.getInputs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> inputs.put(e.getKey(),
        input(graph, e.getKey(), e.getValue())));
    return new TfSignature(sig, inputs.build(), outputs.build());
  }

  private static InputEntry input(Graph graph, String name, Signature.TensorDescription in) {
    long[] dims = in.shape.asArray();
    long size = 1;
    for (int i = 1; dims != null && i < dims.length && size >= 0; i++) {
      size = dims[i] < 0 ? -1 : size * dims[i];
    }
    String problem = null;
    if (in.dataType != DataType.DT_FLOAT) {
      problem = "its input '" + name + "' is " + in.dataType + ", not DT_FLOAT";
    } else if (dims == null || dims.length == 0) {
      problem = "its input '" + name + "' has no batch dimension (shape " + in.shape + ")";
    } else if (size < 0 || size > Integer.MAX_VALUE) {
      problem = "the sample dimensions of its input '" + name + "' are not all known (shape " + in.shape + ")";
    }
    Output<?> output = problem == null ? graph.outputOrThrow(in.name) : null;
    return new InputEntry(name, output, dims, problem == null ? (int) size : 0, problem);
  }

  String key() {
    return signature.key();
  }

  /** The one input a signature called with one float array must have, feedable. */
  InputEntry single() {
    checkArgument(inputs.size() == 1, "signature '%s' has inputs %s, not one; give one array per input by name:"
        + " predict(key, Map.of(name, values, ...), count)", key(), inputs.keySet());
    InputEntry in = inputs.values().iterator().next();
    checkArgument(in.notFeedable() == null, "signature '%s' cannot be called with a float array: %s", key(),
        in.notFeedable());
    return in;
  }

  /** The output of that name. */
  OutputEntry output(String name) {
    OutputEntry f = name == null ? null : outputs.get(name);
    checkArgument(f != null, "signature '%s' has no output '%s'; it has %s", key(), name, outputs.keySet());
    return f;
  }

  /** Refuses {@code count} samples of one input that are not exactly {@code count × featureSize} floats. */
  void checkInput(InputEntry in, float[] x, int count) {
    checkArgument(x != null, "signature '%s': input %s is null", key(), in.name());
    checkArgument(count > 0, "signature '%s': count must be positive, got %s", key(), count);
    long expected = (long) count * in.featureSize();
    checkArgument(x.length == expected, "signature '%s' needs %s floats for %s samples of %s values in input '%s'"
        + " (shape %s), got %s", key(), expected, count, in.featureSize(), in.name(), Arrays.toString(in.dims()),
        x.length);
  }

  /** Refuses a set of named arrays that is not exactly the signature's inputs, or any array of the wrong length. */
  void checkInputs(Map<String, float[]> given, int count) {
    checkArgument(given != null, "signature '%s': the inputs are null; give one array per input %s", key(),
        inputs.keySet());
    if (!given.keySet().equals(inputs.keySet())) {
      Set<String> missing = new TreeSet<>(inputs.keySet());
      missing.removeAll(given.keySet());
      Set<String> got = new TreeSet<>();
      given.keySet().forEach(k -> got.add(String.valueOf(k))); // a HashMap may hold a null name
      Set<String> unknown = new TreeSet<>(got);
      unknown.removeAll(inputs.keySet());
      throw new IllegalArgumentException(String.format("signature '%s' takes the inputs %s, got %s: missing %s,"
          + " not among its inputs %s", key(), inputs.keySet(), got, missing, unknown));
    }
    for (InputEntry in : inputs.values()) {
      checkArgument(in.notFeedable() == null, "signature '%s' cannot be called with float arrays: %s", key(),
          in.notFeedable());
      checkInput(in, given.get(in.name()), count);
    }
  }
}
