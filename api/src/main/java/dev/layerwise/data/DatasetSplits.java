package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * How {@link Dataset#split} and {@link Dataset#stratifiedSplit} choose the held-out samples: a Fisher–Yates shuffle
 * drawn from the seed (the shuffle {@code fit} uses), the held-out count as {@code validationSplit} counts it, then
 * each part's indices sorted so both keep the original order.
 */
final class DatasetSplits {
  private DatasetSplits() {}

  static DatasetSplit random(Dataset data, double heldOut, long seed) {
    checkFraction(heldOut, "split");
    int n = data.size();
    int[] all = shuffled(range(n), new SeededRandom(seed));
    int held = heldOutCount(n, heldOut);
    checkArgument(held > 0 && held < n, "Dataset.split: holding out %s of %s samples leaves %s to train on and %s to"
        + " hold out; both need at least one", heldOut, n, n - held, held);
    return parts(data, Arrays.copyOfRange(all, 0, n - held), Arrays.copyOfRange(all, n - held, n));
  }

  static DatasetSplit stratified(Dataset data, double heldOut, long seed) {
    checkFraction(heldOut, "stratifiedSplit");
    checkArgument(data.targetCount() == 1 && Shape.scalar().equals(data.targetShapes().get(0)), "Dataset"
        + ".stratifiedSplit: needs one class-index label per sample (one target array of shape []), got target"
        + " shapes %s", data.targetShapes());
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < data.size(); i++) {
      float label = data.label(0, i, 0);
      checkArgument(label >= 0 && label == Math.rint(label), "Dataset.stratifiedSplit: labels must be class indices"
          + " (whole numbers ≥ 0), but sample %s's label is %s", i, (Object) label);
      byClass.computeIfAbsent((int) label, k -> new ArrayList<>()).add(i);
    }
    SeededRandom random = new SeededRandom(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    byClass.forEach((label, members) -> {
      int n = members.size();
      int held = heldOutCount(n, heldOut);
      checkArgument(held > 0 && held < n, "Dataset.stratifiedSplit: class %s has %s sample(s); holding out %s of"
          + " them leaves %s to train on and %s to hold out, and each part needs every class", label, n, heldOut,
          n - held, held);
      int[] order = shuffled(members.stream().mapToInt(Integer::intValue).toArray(), random);
      Arrays.stream(order, 0, n - held).forEach(train::add);
      Arrays.stream(order, n - held, n).forEach(test::add);
    });
    return parts(data, train.stream().mapToInt(Integer::intValue).toArray(),
        test.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void checkFraction(double heldOut, String method) {
    checkArgument(heldOut > 0 && heldOut < 1, "Dataset.%s: the held-out share must be in (0, 1), got %s", method,
        heldOut);
  }

  /** {@code n − floor(n·(1 − heldOut))}: the samples {@code validationSplit} would hold out (Keras's rule). */
  private static int heldOutCount(int n, double heldOut) {
    return n - (int) Math.floor(n * (1.0 - heldOut));
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static int[] shuffled(int[] values, SeededRandom random) {
    int[] a = values.clone();
    random.shuffle(a);
    return a;
  }

  private static DatasetSplit parts(Dataset data, int[] train, int[] test) {
    Arrays.sort(train);
    Arrays.sort(test);
    return new DatasetSplit(data.rows(train), data.rows(test), Arrays.stream(train).boxed().toList(),
        Arrays.stream(test).boxed().toList());
  }
}
