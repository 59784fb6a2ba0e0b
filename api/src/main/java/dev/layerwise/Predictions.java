package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model predicts for a dataset, per output: {@code size × outputSize} values, row-major, under each output's
 * name, in the model's output order ({@code CompiledModel.predictOutputs}).
 *
 * <pre>{@code
 * Predictions p = model.predictOutputs(test);
 * float[] classes = p.get("class");      // size × 10 logits
 * NdValue boxes = p.value("box");        // [size, 4], in the model's precision
 * }</pre>
 *
 * @param size the number of samples
 * @param shapes each output's per-sample shape
 * @param values each output's values as float32 (a float64 model's rounded)
 * @param doubles each output's values as float64, for a float64 model; empty for a float32 one
 */
public record Predictions(int size, Map<String, Shape> shapes, Map<String, float[]> values,
    Map<String, double[]> doubles) {
  public Predictions {
    checkArgument(shapes.keySet().equals(values.keySet()), "Predictions: shapes for %s but values for %s",
        shapes.keySet(), values.keySet());
    checkArgument(doubles.isEmpty() || doubles.keySet().equals(values.keySet()), "Predictions: float64 values for"
        + " %s but values for %s", doubles.keySet(), values.keySet());
    shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    doubles = Collections.unmodifiableMap(new LinkedHashMap<>(doubles));
  }

  /** Predictions of a float32 model. */
  public Predictions(int size, Map<String, Shape> shapes, Map<String, float[]> values) {
    this(size, shapes, values, Map.of());
  }

  /** The output names, in the model's order. */
  public List<String> names() {
    return new ArrayList<>(values.keySet());
  }

  /** The predictions of the named output ({@code size × outputSize} values, row-major, float32). */
  public float[] get(String output) {
    float[] v = values.get(output);
    checkArgument(v != null, "no output '%s' among the predictions; outputs: %s", output, values.keySet());
    return v;
  }

  /**
   * The predictions of the named output as a value {@code [size, ...output shape]} in the model's precision: float64
   * for a float64 model. A copy.
   */
  public NdValue value(String output) {
    float[] f = get(output);
    Shape shape = shapes.get(output).withBatch(size);
    double[] d = doubles.get(output);
    return d != null ? NdValue.of(shape, d) : NdValue.of(shape, f);
  }

  /** The per-sample shape of the named output. */
  public Shape shape(String output) {
    get(output);
    return shapes.get(output);
  }
}
