package dev.layerwise.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.ForwardResult;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.FillMode;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of docs/preprocessing-and-augmentation.md: some training images (first column) and what the
 * augmentation layers of {@link FashionMnistAugmentedCnn} make of them in training passes (the other columns), drawn
 * with JFreeChart — every pixel a grey block of one block plot.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.AugmentationGrid \
 *     -Dexample.args="--out docs/images/augmentation-grid.png"
 * </pre>
 */
public final class AugmentationGrid {
  /** Pixels per panel side. */
  static final int PANEL = 112;
  /** Blank blocks between images. */
  static final int GAP = 2;

  private AugmentationGrid() {}

  /** Arguments: {@code --out FILE} (default docs/images/augmentation-grid.png), {@code --rows}, {@code --columns},
   * {@code --seed}, {@code --data DIR}. */
  public static void main(String[] args) {
    ExampleOptions a = ExampleOptions.parse(args, "--out", "--rows", "--columns", "--seed", "--data");
    Path out = a.get("--out", Path::of, Path.of("docs/images/augmentation-grid.png"));
    int rows = a.get("--rows", Integer::parseInt, 4);
    int columns = a.get("--columns", Integer::parseInt, 7);
    long seed = a.get("--seed", Long::parseLong, 42L);
    Dataset images = FashionMnist.load(a.get("--data", Path::of, FashionMnist.defaultDirectory())).test()
        .withFeatureShape(Shape.of(28, 28, 1));
    List<Layer> augmentation = FashionMnistAugmentedCnn.model(seed).layers().subList(1, 3);
    draw(augmented(images, augmentation, rows, columns, seed), 28, 28, 1, out);   // pixels in [0, 1]
    System.out.println("wrote " + out + ": " + rows + " test images, each followed by " + (columns - 1)
        + " augmented copies (" + augmentation + ")");
  }

  /**
   * The grid's values: {@code rows} images, each followed by {@code columns − 1} augmented copies, from one training
   * pass of the augmentation layers on the reference backend (per-sample draws from {@code seed}).
   *
   * @return {@code [rows][columns][height × width]} grey values, row-major
   */
  static float[][][] augmented(Dataset images, List<Layer> augmentation, int rows, int columns, long seed) {
    checkArgument(rows >= 1 && columns >= 2, "AugmentationGrid: rows %s must be ≥ 1 and columns %s ≥ 2", rows,
        columns);
    Shape shape = images.featureShape();
    int pixels = shape.size();
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(shape.dims()));
    layers.addAll(augmentation);
    Model model = Sequential.of(layers).withName("augmentation").withSeed(seed);
    int copies = columns - 1;
    float[] batch = new float[rows * copies * pixels];
    float[][][] grid = new float[rows][columns][];
    for (int r = 0; r < rows; r++) {
      float[] image = new float[pixels];
      for (int j = 0; j < pixels; j++) {
        image[j] = images.feature(r, j);
      }
      grid[r][0] = image;
      for (int c = 0; c < copies; c++) {
        System.arraycopy(image, 0, batch, (r * copies + c) * pixels, pixels);
      }
    }
    try (CompiledModel m = model.compile(Backend.named("reference"))) {
      ForwardResult out = m.forward(NdValue.of(shape.withBatch(rows * copies), batch), true);
      float[] values = out.output().toFloatArray();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < copies; c++) {
          float[] copy = new float[pixels];
          System.arraycopy(values, (r * copies + c) * pixels, copy, 0, pixels);
          grid[r][c + 1] = copy;
        }
      }
    }
    return grid;
  }

  /**
   * Draws the grid as a PNG: all images in one JFreeChart block plot (one block per pixel, a grey scale from black at
   * 0 to white at {@code max}), laid out with a gap of {@value #GAP} blocks, no axes.
   */
  static void draw(float[][][] grid, int height, int width, double max, Path png) {
    int rows = grid.length;
    int columns = grid[0].length;
    int n = rows * columns * height * width;
    double[][] xyz = new double[3][n];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            xyz[0][k] = c * (width + GAP) + x;
            xyz[1][k] = (rows - 1 - r) * (height + GAP) + (height - 1 - y);   // the plot's y axis points up
            xyz[2][k] = grid[r][c][y * width + x];
            k++;
          }
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("pixels", xyz);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(new GrayPaintScale(0, max));
    NumberAxis xAxis = hiddenAxis(columns * (width + GAP) - GAP);
    NumberAxis yAxis = hiddenAxis(rows * (height + GAP) - GAP);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart("first column: the image; the others: augmented in training passes",
        new Font(Font.SANS_SERIF, Font.PLAIN, 14), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      ChartUtils.saveChartAsPNG(png.toFile(), chart, columns * PANEL, rows * PANEL + 30);
    } catch (IOException e) {
      throw new UncheckedIOException("AugmentationGrid: cannot write " + png, e);
    }
  }

  private static NumberAxis hiddenAxis(int blocks) {
    NumberAxis axis = new NumberAxis();
    axis.setRange(-0.5, blocks - 0.5);
    axis.setVisible(false);
    return axis;
  }
}
