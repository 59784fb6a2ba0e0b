package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.examples.InitializationExperiment.LayerStats;
import dev.layerwise.examples.InitializationExperiment.Result;
import dev.layerwise.examples.InitializationExperiment.Run;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the course notes say happens to the activations of a deep untrained MLP, checked on the TF backend (the whole
 * experiment takes about 8 s there), with one run cross-checked on the reference backend.
 */
class InitializationExperimentTest {
  private static final long SEED = 42;
  private static Result result;

  @BeforeAll
  static void runExperiment() {
    result = InitializationExperiment.run(Backend.named("tensorflow"), SEED);
    System.out.print(InitializationExperiment.table(result));
  }

  private static Run run(ActivationFn activation, String init) {
    return result.run(activation, init);
  }

  @Test
  void everyRunHasTenLayersOfFiniteStatistics() {
    assertEquals(InitializationExperiment.ACTIVATIONS.size() * InitializationExperiment.INITS.size(),
        result.runs().size());
    for (Run r : result.runs()) {
      assertEquals(InitializationExperiment.LAYERS, r.layers().size());
      for (LayerStats s : r.layers()) {
        assertTrue(Double.isFinite(s.mean()) && Double.isFinite(s.std()) && s.std() > 0, r + ": " + s);
      }
    }
  }

  @Test
  void tanhWithSmallWeightsCollapsesTowardsZeroLayerAfterLayer() {
    Run r = run(ActivationFn.TANH, "N(0, 0.01²)");
    for (int k = 2; k <= InitializationExperiment.LAYERS; k++) {
      assertTrue(r.layer(k).std() < r.layer(k - 1).std(), "std should fall at layer " + k + ": " + r.layers());
    }
    assertTrue(r.last().std() < 1e-4, "last-layer std " + r.last().std());
    assertTrue(Math.abs(r.last().mean()) < 1e-4, "last-layer mean " + r.last().mean());
  }

  @Test
  void tanhWithUnitWeightsSaturates() {
    Run r = run(ActivationFn.TANH, "N(0, 1)");
    for (int k = 3; k <= InitializationExperiment.LAYERS; k++) {
      LayerStats s = r.layer(k);
      assertTrue(s.saturated() > 0.9, "layer " + k + ": only " + s.saturated() + " of |a| > 0.9");
      assertTrue(s.std() > 0.9, "layer " + k + ": std " + s.std() + " should be near 1");
    }
  }

  @Test
  void tanhWithGlorotKeepsAHealthySpreadAtEveryLayer() {
    Run r = run(ActivationFn.TANH, "Glorot normal");
    for (LayerStats s : r.layers()) {
      assertTrue(s.std() > 0.1 && s.std() < 0.9, "layer " + s.layer() + ": std " + s.std());
      assertTrue(s.saturated() < 0.2, "layer " + s.layer() + ": " + s.saturated() + " saturated");
    }
  }

  @Test
  void reluWithHeKeepsItsScaleWhileSmallWeightsCollapseAndUnitWeightsExplode() {
    Run he = run(ActivationFn.RELU, "He normal");
    double ratio = he.last().std() / he.layer(1).std();
    assertTrue(ratio > 0.5 && ratio < 2, "He: last/first std " + ratio + ", " + he.layers());

    Run small = run(ActivationFn.RELU, "N(0, 0.01²)");
    for (int k = 2; k <= InitializationExperiment.LAYERS; k++) {
      assertTrue(small.layer(k).std() < small.layer(k - 1).std(), "N(0, 0.01²) at layer " + k);
    }
    assertTrue(small.last().std() < 1e-4, "N(0, 0.01²) last-layer std " + small.last().std());

    Run big = run(ActivationFn.RELU, "N(0, 1)");
    assertTrue(big.last().std() > 1e6, "N(0, 1) last-layer std " + big.last().std());

    // Glorot halves the variance at each ReLU layer: it still shrinks, just slowly.
    Run glorot = run(ActivationFn.RELU, "Glorot normal");
    assertTrue(glorot.last().std() < 0.2 * glorot.layer(1).std(), "Glorot under ReLU: " + glorot.layers());
  }

  @Test
  void theReferenceBackendMeasuresTheSame() {
    List<LayerStats> ref = InitializationExperiment.layerStats(Backend.named("reference"), ActivationFn.TANH,
        Initializer.glorotNormal(), InitializationExperiment.inputs(SEED), SEED);
    Run tf = run(ActivationFn.TANH, "Glorot normal");
    for (int k = 1; k <= InitializationExperiment.LAYERS; k++) {
      double a = tf.layer(k).std();
      double b = ref.get(k - 1).std();
      assertEquals(a, b, 1e-4 * b, "layer " + k);
    }
  }

  @Test
  void seluWithLecunNormalWeightsKeepsActivationsNormalised() {
    List<LayerStats> selu = InitializationExperiment.layerStats(Backend.named("tensorflow"), ActivationFn.SELU,
        Initializer.lecunNormal(), InitializationExperiment.inputs(SEED), SEED);
    for (LayerStats s : selu) {
      assertTrue(Math.abs(s.mean()) < 0.1 && s.std() > 0.8 && s.std() < 1.2, "SELU + LeCun: " + s);
    }
    // the guide's table of it
    List<String> rows = table("selu-lecun");
    double[] means = cells(rows.get(2));
    double[] stds = cells(rows.get(3));
    for (int k = 1; k <= InitializationExperiment.LAYERS; k++) {
      LayerStats s = selu.get(k - 1);
      assertEquals(s.mean(), means[k], 0.01 * Math.abs(s.mean()) + 1e-3 * s.std(), "guide's SELU mean, layer " + k);
      assertEquals(s.std(), stds[k], 0.01 * s.std(), "guide's SELU std, layer " + k);
    }
  }

  @Test
  void theGuideShowsThisExperimentsNumbers() {
    for (ActivationFn activation : InitializationExperiment.ACTIVATIONS) {
      List<String> rows = table("initialization-" + activation.kerasName());
      assertEquals(2 + InitializationExperiment.LAYERS, rows.size(), "rows of the " + activation + " table");
      for (int k = 1; k <= InitializationExperiment.LAYERS; k++) {
        double[] c = cells(rows.get(1 + k));
        assertEquals(k, c[0]);
        for (int i = 0; i < InitializationExperiment.INITS.size(); i++) {
          LayerStats s = run(activation, InitializationExperiment.INITS.get(i).label()).layer(k);
          String where = "initializers.md, " + activation.kerasName() + ", layer " + k + ", "
              + InitializationExperiment.INITS.get(i).label();
          assertEquals(s.mean(), c[1 + 2 * i], 0.01 * Math.abs(s.mean()) + 1e-3 * s.std(), where + " mean");
          assertEquals(s.std(), c[2 + 2 * i], 0.01 * s.std(), where + " std");
        }
      }
    }
  }

  /** The rows of a marked table of initializers.md. */
  private static List<String> table(String name) {
    return GuidePages.blocks("initializers.md").stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("initializers.md has no table '" + name + "'")).lines();
  }

  /** The numbers of a table row; the first cell is a number too or else NaN. */
  private static double[] cells(String row) {
    String[] parts = row.substring(1, row.length() - 1).split("\\|");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        v[i] = Double.NaN;
      }
    }
    return v;
  }

  @Test
  void writesAReadablePlot(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("initialization.png");
    InitializationExperiment.plot(result, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, image.getWidth() + "×" + image.getHeight());
  }
}
