package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, F1 and support per class, with accuracy and the macro and support-weighted averages, as
 * scikit-learn's {@code classification_report}; {@link #toString} prints its layout with two decimals. A score whose
 * denominator is 0 is 0 (scikit-learn's {@code zero_division=0}).
 *
 * @param classNames one name per class
 * @param classes the scores of each class, in class order
 * @param accuracy the share of rows predicted right
 * @param macroAverage the plain mean of the class scores, with the total support
 * @param weightedAverage the mean weighted by support, with the total support
 */
public record ClassificationReport(List<String> classNames, List<Scores> classes, double accuracy,
    Scores macroAverage, Scores weightedAverage) {

  /** One line of the report. */
  public record Scores(double precision, double recall, double f1, long support) {}

  public ClassificationReport {
    classNames = List.copyOf(classNames);
    classes = List.copyOf(classes);
    checkArgument(classNames.size() == classes.size(), "ClassificationReport: %s names for %s classes",
        classNames.size(), classes.size());
  }

  static ClassificationReport of(List<String> names, ClassCounts counts, double accuracy) {
    List<Scores> rows = new ArrayList<>();
    long total = 0;
    for (int c = 0; c < counts.classes(); c++) {
      rows.add(new Scores(counts.score(ClassCounts.Score.PRECISION, c), counts.score(ClassCounts.Score.RECALL, c),
          counts.score(ClassCounts.Score.F1, c), counts.support(c)));
      total += counts.support(c);
    }
    return new ClassificationReport(names, rows, accuracy, average(counts, Averaging.MACRO, total),
        average(counts, Averaging.WEIGHTED, total));
  }

  private static Scores average(ClassCounts counts, Averaging average, long total) {
    return new Scores(counts.score(ClassCounts.Score.PRECISION, average),
        counts.score(ClassCounts.Score.RECALL, average), counts.score(ClassCounts.Score.F1, average), total);
  }

  /** The scores of the class named {@code name}. */
  public Scores of(String name) {
    int c = classNames.indexOf(name);
    checkArgument(c >= 0, "no class '%s' in this report; its classes are %s", name, classNames);
    return classes.get(c);
  }

  @Override
  public String toString() {
    int width = "weighted avg".length();
    for (String n : classNames) {
      width = Math.max(width, n.length());
    }
    String name = "%" + width + "s ";
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, name + " %9s %9s %9s %9s%n%n", "", "precision",
        "recall", "f1-score", "support"));
    for (int c = 0; c < classes.size(); c++) {
      line(b, name, classNames.get(c), classes.get(c));
    }
    b.append(String.format(Locale.ROOT, "%n" + name + " %9s %9s %9.2f %9d%n", "accuracy", "", "", accuracy,
        macroAverage.support()));
    line(b, name, "macro avg", macroAverage);
    line(b, name, "weighted avg", weightedAverage);
    return b.toString();
  }

  private static void line(StringBuilder b, String name, String label, Scores s) {
    b.append(String.format(Locale.ROOT, name + " %9.2f %9.2f %9.2f %9d%n", label, s.precision(), s.recall(), s.f1(),
        s.support()));
  }
}
