package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
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
 * float[] boxes = p.get("box");          // size × 4
 * }</pre>
 *
 * @param size the number of samples
 */
public record Predictions(int size, Map<String, Shape> shapes, Map<String, float[]> values) {
  public Predictions {
    checkArgument(shapes.keySet().equals(values.keySet()), "Predictions: shapes for %s but values for %s",
        shapes.keySet(), values.keySet());
    shapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The output names, in the model's order. */
  public List<String> names() {
    return new ArrayList<>(values.keySet());
  }

  /** The predictions of the named output ({@code size × outputSize} values, row-major). */
  public float[] get(String output) {
    float[] v = values.get(output);
    checkArgument(v != null, "no output '%s' among the predictions; outputs: %s", output, values.keySet());
    return v;
  }

  /** The per-sample shape of the named output. */
  public Shape shape(String output) {
    get(output);
    return shapes.get(output);
  }
}
