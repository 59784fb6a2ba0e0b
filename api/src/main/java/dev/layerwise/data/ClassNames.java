package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The names of a classifier's classes, in class-index order: label {@code i} means {@code names().get(i)}. A CSV
 * file's categorical label column and an image folder's sub-folders are mapped to class indices through one; keep it
 * to read a test file with the training file's mapping, and give it to the model trained on that data
 * ({@code Model.withClassNames}), which saves it in its archive and SavedModel and names its predictions with it.
 *
 * <p>{@link #sorted} fixes the order from the values alone, so the same data always gives the same indices,
 * whatever order the rows come in: numeric order when every name is a number ({@code "2"} before {@code "10"}),
 * else Java's {@link String#compareTo} order, which is Keras's {@code image_dataset_from_directory} order for
 * folder names. (Keras's {@code StringLookup} orders by frequency instead, which a new file can change; we do not.)
 *
 * @param names distinct, non-blank class names
 */
public record ClassNames(List<String> names) {
  public ClassNames {
    requireNonNull(names, "ClassNames: names");
    names = List.copyOf(names);
    checkArgument(!names.isEmpty(), "ClassNames: at least one class name is needed");
    var seen = new LinkedHashSet<String>();
    for (String n : names) {
      checkArgument(!n.isBlank(), "ClassNames: a class name is blank in %s", names);
      checkArgument(seen.add(n), "ClassNames: '%s' is given twice in %s", n, names);
    }
  }

  /** The classes in the given order (class i is the i-th name). */
  public static ClassNames of(String... names) {
    return new ClassNames(List.of(names));
  }

  /**
   * The distinct values, sorted: numerically when every value is a number, else by {@link String#compareTo}.
   */
  public static ClassNames sorted(Collection<String> values) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
    boolean numeric = distinct.stream().allMatch(ClassNames::isNumber);
    distinct.sort(numeric ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder());
    return new ClassNames(distinct);
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public int size() {
    return names.size();
  }

  /** The name of class {@code index}. */
  public String name(int index) {
    checkArgument(0 <= index && index < names.size(), "ClassNames: class index must be in [0, %s), got %s",
        names.size(), index);
    return names.get(index);
  }

  /**
   * The index of a class name.
   *
   * @throws IllegalArgumentException for a name not among the classes, listing them
   */
  public int indexOf(String name) {
    int i = names.indexOf(name);
    checkArgument(i >= 0, "unknown class '%s'; the classes are %s", name, names);
    return i;
  }

  /** A lookup table name → index, for mapping many labels. */
  Map<String, Integer> indices() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i);
    }
    return m;
  }
}
