package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The data checks, each on data built to pass and data built to fail it. */
class DataDiagnosisTest {
  /** n samples of 4 features drawn from N(0, 1) times {@code scale} plus {@code shift}, labels from {@code label}. */
  private static Dataset data(int n, double shift, double scale, java.util.function.IntUnaryOperator label, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) (shift + scale * r.nextGaussian());
      }
      y[i] = label.applyAsInt(i);
    }
    return Dataset.withClassLabels(x, Shape.of(4), y);
  }

  @Test
  void balancedClassesPassAndAFiftyToOneImbalanceWarnsAndAMissingClassFails() {
    assertEquals(Verdict.PASS, DataDiagnosis.labelBalance(data(300, 0, 1, i -> i % 3, 1), 3).verdict());
    // class 2 gets one sample in 51: 6 of 300
    Check skewed = DataDiagnosis.labelBalance(data(300, 0, 1, i -> i % 51 == 0 ? 2 : i % 2, 1), 3);
    assertEquals(Verdict.WARN, skewed.verdict(), skewed.toText());
    assertTrue(skewed.measured().contains("smallest class 2 (6 samples)"), skewed.measured());
    assertTrue(skewed.nextSteps().get(0).contains("classWeight"), skewed.toText());
    Check missing = DataDiagnosis.labelBalance(data(300, 0, 1, i -> i % 2, 1), 3);
    assertEquals(Verdict.FAIL, missing.verdict());
    assertTrue(missing.measured().startsWith("class 2 has no samples"), missing.measured());
  }

  @Test
  void standardisedAndRescaledFeaturesPassRawPixelsWarn() {
    assertEquals(Verdict.PASS, DataDiagnosis.featureScale(data(200, 0, 1, i -> 0, 2)).get(0).verdict());
    assertEquals(Verdict.PASS, DataDiagnosis.featureScale(data(200, 0.29, 0.35, i -> 0, 2)).get(0).verdict(),
        "pixels divided by 255");
    Check raw = DataDiagnosis.featureScale(data(200, 72, 90, i -> 0, 2)).get(0);
    assertEquals(Verdict.WARN, raw.verdict());
    assertTrue(raw.measured().startsWith("mean 7"), raw.measured());
    assertTrue(raw.nextSteps().stream().anyMatch(s -> s.contains("Normalization")), raw.toText());
    assertEquals(Verdict.WARN, DataDiagnosis.featureScale(data(200, 0.5, 0.001, i -> 0, 2)).get(0).verdict(),
        "a near-constant feature array");
  }

  @Test
  void validationSamplesRepeatedFromTrainingAreCountedExactly() {
    Dataset train = data(400, 0, 1, i -> i % 2, 3);
    Dataset fresh = data(100, 0, 1, i -> i % 2, 4);
    assertEquals(Verdict.PASS, DataDiagnosis.duplicates(train, fresh).verdict());
    Dataset oneRepeat = Dataset.withClassLabels(concat(row(train, 17), rows(fresh, 99)), Shape.of(4), new int[100]);
    Check one = DataDiagnosis.duplicates(train, oneRepeat);
    assertEquals(Verdict.WARN, one.verdict(), one.toText());
    assertTrue(one.measured().startsWith("1 of 100 validation samples (1.00%)"), one.measured());
    Dataset slice = train.slice(0, 50);
    Check half = DataDiagnosis.duplicates(train, slice);
    assertEquals(Verdict.FAIL, half.verdict());
    assertTrue(half.measured().startsWith("50 of 50"), half.measured());
  }

  @Test
  void sortedClassesFailOnlyWithShufflingOff() {
    Dataset sorted = data(300, 0, 1, i -> i / 100, 5);
    Check off = DataDiagnosis.classOrder(sorted, 3, false);
    assertEquals(Verdict.FAIL, off.verdict(), off.toText());
    assertTrue(off.measured().startsWith("2 label changes between neighbours"), off.measured());
    assertEquals(Verdict.PASS, DataDiagnosis.classOrder(sorted, 3, true).verdict(), "fit shuffles every epoch");
    assertEquals(Verdict.PASS, DataDiagnosis.classOrder(data(300, 0, 1, i -> (i * 7) % 3, 5), 3, false).verdict());
  }

  @Test
  void labelsThatAreNotClassIndicesAreRefusedNamingTheSample() {
    Dataset data = Dataset.of(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, Shape.of(4), new float[] {0, 1.5f}, Shape.of(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataDiagnosis.labelBalance(data, 2));
    assertEquals("labelBalance: sample 1's label 1.5 is not a class index in [0, 2)", e.getMessage());
  }

  private static float[] row(Dataset d, int i) {
    float[] out = new float[4];
    for (int j = 0; j < 4; j++) {
      out[j] = d.feature(i, j);
    }
    return out;
  }

  private static float[] rows(Dataset d, int n) {
    float[] out = new float[n * 4];
    for (int i = 0; i < n; i++) {
      System.arraycopy(row(d, i), 0, out, i * 4, 4);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
