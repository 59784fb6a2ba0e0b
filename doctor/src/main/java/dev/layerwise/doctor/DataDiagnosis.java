package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The doctor's checks of the data alone, before any model sees it: are the classes balanced, are the features near
 * standardised, does the validation data repeat training samples, and would an unshuffled fit see one class at a
 * time. Each returns a {@link Check} with the measured numbers.
 */
public final class DataDiagnosis {
  /** The largest ratio between the biggest and the smallest class that passes. */
  static final double BALANCE_RATIO = 3;
  /** Features pass while their overall mean is within ±3 and their standard deviation within [0.01, 10]. */
  static final double SCALE_MEAN = 3;
  static final double SCALE_MIN_STD = 0.01;
  static final double SCALE_MAX_STD = 10;
  /** The share of validation samples found in the training data above which the duplicates fail. */
  static final double DUPLICATES_FAIL = 0.01;
  /**
   * Label changes between neighbouring samples, as a share of what a random order gives, below which the data is
   * read as sorted by class.
   */
  static final double SORTED_SHARE = 0.1;

  private DataDiagnosis() {}

  /**
   * How many samples each class has: a class without samples fails, a ratio above {@value #BALANCE_RATIO} between
   * the biggest and the smallest class warns (accuracy then rewards predicting the big classes).
   *
   * @param data labelled with one array of class indices (what sparse categorical cross-entropy reads)
   * @param classes the number of classes C
   */
  public static Check labelBalance(Dataset data, int classes) {
    int[] counts = classCounts(data, classes, "labelBalance");
    int min = Integer.MAX_VALUE;
    int max = 0;
    int argMin = 0;
    for (int c = 0; c < classes; c++) {
      if (counts[c] < min) {
        min = counts[c];
        argMin = c;
      }
      max = Math.max(max, counts[c]);
    }
    String expected = String.format(Locale.ROOT, "every class present, at most %.0f× between classes", BALANCE_RATIO);
    if (min == 0) {
      return new Check("label balance", Verdict.FAIL, "class " + argMin + " has no samples (of " + data.size() + ")",
          expected, "A class the data never shows cannot be learned, and its metrics are undefined.",
          List.of("Check that the labels are read right (0-based class indices, the right column).",
              "Collect samples of the missing class, or train with one class fewer."));
    }
    double ratio = max / (double) min;
    String measured = String.format(Locale.ROOT, "smallest class %d (%d samples), largest %d samples: %.1f×", argMin,
        min, max, ratio);
    if (ratio > BALANCE_RATIO) {
      return new Check("label balance", Verdict.WARN, measured, expected,
          "Imbalanced classes: accuracy rewards predicting the big classes, and the small ones are learned last.",
          List.of("Weigh the classes: FitOptions.classWeight (inverse frequency).",
              "Read per-class precision and recall (evaluate's classification report), not accuracy alone.",
              "Collect or resample more of the small classes."));
    }
    return Check.pass("label balance", measured, expected);
  }

  /**
   * Whether each feature array is near standardised: over all its values, a mean within ±{@value #SCALE_MEAN} and a
   * standard deviation within [{@value #SCALE_MIN_STD}, {@value #SCALE_MAX_STD}]. Raw pixels (mean ~70, std ~90)
   * warn; pixels divided by 255 and standardised features pass.
   */
  public static List<Check> featureScale(Dataset data) {
    List<Check> out = new ArrayList<>();
    for (int k = 0; k < data.featureCount(); k++) {
      int per = data.featureShapes().get(k).size();
      double sum = 0;
      double sumSq = 0;
      long n = (long) data.size() * per;
      for (int i = 0; i < data.size(); i++) {
        for (int j = 0; j < per; j++) {
          double v = data.feature(k, i, j);
          sum += v;
          sumSq += v * v;
        }
      }
      double mean = sum / n;
      double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      String name = data.featureCount() == 1 ? "feature scale" : "feature scale of input " + k;
      String measured = String.format(Locale.ROOT, "mean %.3g, standard deviation %.3g over %d values", mean, std, n);
      String expected = String.format(Locale.ROOT, "mean within ±%.0f, standard deviation in [%.2f, %.0f]",
          SCALE_MEAN, SCALE_MIN_STD, SCALE_MAX_STD);
      if (Math.abs(mean) > SCALE_MEAN || std < SCALE_MIN_STD || std > SCALE_MAX_STD) {
        out.add(new Check(name, Verdict.WARN, measured, expected,
            "Features far from standardised: the first layer's pre-activations are far from the range its"
                + " initialisation assumes, so units saturate or die and one learning rate does not suit all weights.",
            List.of("Standardise: a Normalization layer adapted to the training data (per feature, or per channel"
                    + " for images).",
                "For pixels in 0–255: Rescaling(1/255) (then mean-centre if the loss still starts high).")));
      } else {
        out.add(Check.pass(name, measured, expected));
      }
    }
    return out;
  }

  /**
   * How many validation samples repeat a training sample exactly (every feature value equal): any warns, more than
   * {@value #DUPLICATES_FAIL} of the validation data fails — the validation score then measures memory, not
   * generalisation.
   */
  public static Check duplicates(Dataset train, Dataset validation) {
    checkArgument(train.featureShapes().equals(validation.featureShapes()), "duplicates: the training data has"
        + " features %s, the validation data %s", train.featureShapes(), validation.featureShapes());
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; i < train.size(); i++) {
      seen.putIfAbsent(rowHash(train, i), i);
    }
    int repeated = 0;
    for (int i = 0; i < validation.size(); i++) {
      Integer t = seen.get(rowHash(validation, i));
      if (t != null && sameRow(train, t, validation, i)) {
        repeated++;
      }
    }
    double share = repeated / (double) validation.size();
    String measured = String.format(Locale.ROOT, "%d of %d validation samples (%.2f%%) are also training samples",
        repeated, validation.size(), 100 * share);
    String expected = "none";
    if (repeated == 0) {
      return Check.pass("duplicates between training and validation", measured, expected);
    }
    return new Check("duplicates between training and validation", share > DUPLICATES_FAIL ? Verdict.FAIL
        : Verdict.WARN, measured, expected, "Validation samples the model trained on make the validation loss"
            + " optimistic and hide overfitting.",
        List.of("Deduplicate before splitting (exact repeats, then near repeats such as resized copies).",
            "Split by source (person, document, session) when samples of one source look alike."));
  }

  /**
   * Whether an unshuffled fit would see the classes one after another: label changes between neighbouring samples
   * below {@value #SORTED_SHARE} of what a random order gives ({@code (n − 1)·(1 − Σ p_c²)}) read as sorted. With
   * shuffling on, fit reorders every epoch and the check passes.
   */
  public static Check classOrder(Dataset data, int classes, boolean shuffle) {
    int[] counts = classCounts(data, classes, "classOrder");
    int changes = 0;
    for (int i = 1; i < data.size(); i++) {
      changes += (int) data.label(0, i, 0) != (int) data.label(0, i - 1, 0) ? 1 : 0;
    }
    double sumSq = 0;
    for (int c : counts) {
      double p = c / (double) data.size();
      sumSq += p * p;
    }
    double random = (data.size() - 1) * (1 - sumSq);
    double share = random == 0 ? 1 : changes / random;
    String measured = String.format(Locale.ROOT, "%d label changes between neighbours, %.0f%% of a random order's,"
        + " shuffling %s", changes, 100 * share, shuffle ? "on" : "off");
    String expected = "shuffling on, or data in no class order";
    if (!shuffle && share < SORTED_SHARE) {
      return new Check("class order", Verdict.FAIL, measured, expected,
          "Sorted by class with shuffling off: every batch holds one class, so each stretch of steps teaches the"
              + " model to predict that class and the loss curve saw-tooths; the model ends biased to the last one.",
          List.of("Turn shuffling on (FitOptions.shuffle(true), the default).",
              "Or shuffle the data once before fitting (Dataset.split shuffles)."));
    }
    return Check.pass("class order", measured, expected);
  }

  private static int[] classCounts(Dataset data, int classes, String what) {
    checkArgument(classes >= 2, "%s: need at least 2 classes, got %s", what, classes);
    checkArgument(data.targetCount() == 1 && data.targetShapes().get(0).size() == 1, "%s: need one array of class"
        + " indices (one value per sample), got targets of shapes %s", what, data.targetShapes());
    int[] counts = new int[classes];
    for (int i = 0; i < data.size(); i++) {
      float label = data.label(0, i, 0);
      int c = (int) label;
      checkArgument(c == label && c >= 0 && c < classes, "%s: sample %s's label %s is not a class index in [0, %s)",
          what, i, label, classes);
      counts[c]++;
    }
    return counts;
  }

  /** A 64-bit hash of every feature value of sample i (float bits, all arrays). */
  private static long rowHash(Dataset data, int i) {
    long h = 1125899906842597L;
    List<Shape> shapes = data.featureShapes();
    for (int k = 0; k < shapes.size(); k++) {
      for (int j = 0; j < shapes.get(k).size(); j++) {
        h = 31 * h + Float.floatToIntBits(data.feature(k, i, j));
        h ^= h >>> 29;
      }
    }
    return h;
  }

  private static boolean sameRow(Dataset a, int i, Dataset b, int j) {
    List<Shape> shapes = a.featureShapes();
    for (int k = 0; k < shapes.size(); k++) {
      for (int v = 0; v < shapes.get(k).size(); v++) {
        if (Float.floatToIntBits(a.feature(k, i, v)) != Float.floatToIntBits(b.feature(k, j, v))) {
          return false;
        }
      }
    }
    return true;
  }
}
