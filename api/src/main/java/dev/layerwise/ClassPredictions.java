package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.ClassNames;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The class a classifier predicts for each sample, as an index and as a name ({@link CompiledModel#predictClasses}).
 *
 * <pre>{@code
 * ClassPredictions p = model.predictClasses(test);
 * p.name(0);        // "virginica"
 * p.names();        // one name per sample
 * }</pre>
 *
 * @param classNames the model's class names ({@link Model#withClassNames})
 * @param indices the predicted class index of each sample, each in {@code [0, classNames.size())}
 */
public record ClassPredictions(ClassNames classNames, int[] indices) {
  public ClassPredictions {
    requireNonNull(classNames, "ClassPredictions: classNames");
    indices = indices.clone();
    for (int i = 0; i < indices.length; i++) {
      checkArgument(0 <= indices[i] && indices[i] < classNames.size(), "ClassPredictions: sample %s has class index"
          + " %s, outside [0, %s)", i, indices[i], classNames.size());
    }
  }

  /** The predicted class indices, one per sample (a copy). */
  @Override
  public int[] indices() {
    return indices.clone();
  }

  /** The number of samples. */
  public int size() {
    return indices.length;
  }

  /** The predicted class index of sample {@code i}. */
  public int index(int i) {
    return indices[i];
  }

  /** The predicted class name of sample {@code i}. */
  public String name(int i) {
    return classNames.name(indices[i]);
  }

  /** The predicted class names, one per sample. */
  public List<String> names() {
    return IntStream.of(indices).mapToObj(classNames::name).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassPredictions p && classNames.equals(p.classNames) && Arrays.equals(indices, p.indices);
  }

  @Override
  public int hashCode() {
    return 31 * classNames.hashCode() + Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return "ClassPredictions[" + size() + " samples, classes " + classNames.names() + "]";
  }
}
