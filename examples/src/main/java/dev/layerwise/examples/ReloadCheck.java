package dev.layerwise.examples;

import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.tf.TfSavedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The serving half of the Fashion-MNIST examples: exports a trained model as a SavedModel, reloads it through TF's
 * own loader, predicts the test set with it and compares with the model's own predictions.
 *
 * @param savedModel the exported version folder
 * @param maxDifference the largest |reloaded − in memory| over every test logit
 * @param tolerance what the caller accepts (it depends on the backend that trained)
 */
record ReloadCheck(Path savedModel, double maxDifference, double tolerance) {
  boolean matches() {
    return maxDifference <= tolerance;
  }

  /** Exports to {@code exportDir/1} (replacing it), reloads, compares on {@code test}, and prints what it found. */
  static ReloadCheck run(CompiledModel m, Dataset test, Path exportDir, double tolerance, PrintStream out) {
    Path saved = m.exportSavedModel(SavedModelExport.to(exportDir).withVersion(1).withOverwrite(true));
    float[] inMemory = m.predict(test);
    double maxDiff = 0;
    try (TfSavedModel served = TfSavedModel.load(saved)) {
      float[] x = new float[test.size() * test.featureShape().size()];
      test.copyRange(0, test.size(), x, null);
      float[] reloaded = served.predict(x, test.size());
      for (int i = 0; i < reloaded.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(reloaded[i] - inMemory[i]));
      }
      out.printf(Locale.ROOT, "SavedModel at %s (signature serving_default: x -> %s); reloaded predictions"
          + " differ from the trained model's by at most %.2e on %d test images%n", saved,
          served.signature().outputNames(), maxDiff, test.size());
      out.printf("first test image: predicted %s, labelled %s%n",
          FashionMnist.CLASS_NAMES.get(argmax(reloaded, 0, FashionMnist.CLASS_NAMES.size())),
          FashionMnist.CLASS_NAMES.get((int) test.label(0, 0)));
    }
    ReloadCheck check = new ReloadCheck(saved, maxDiff, tolerance);
    out.printf(Locale.ROOT, "reload check: %.2e %s %.0e -> %s%n", maxDiff, check.matches() ? "≤" : ">", tolerance,
        check.matches() ? "OK" : "MISMATCH");
    return check;
  }

  private static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[off + i] > v[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
