package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.spi.ModelSpec;
import org.junit.jupiter.api.Test;

/** The loop's choice of steps per backend call, and of rows per inference call. */
class StepsPerExecutionTest {
  /** 784 → 128 → 10: 784·128 + 128 + 128·10 + 10 weight uses, plus one op per output element of each node. */
  private static final ModelSpec MLP = Sequential.of(Input.shape(784),
      Dense.units(128).withActivation(ActivationFn.RELU), Dense.units(10)).spec();
  /** The Fashion-MNIST CNN of the examples: two 3×3 convolutions (32, 64 filters) at 28×28 and 14×14. */
  private static final ModelSpec CNN = Sequential.of(Input.shape(28, 28, 1),
      Conv2D.of(32, 3).withPadding(Padding.SAME).withUseBias(false), BatchNormalization.create(),
      MaxPooling2D.of(2), Conv2D.of(64, 3).withPadding(Padding.SAME).withUseBias(false),
      BatchNormalization.create(), MaxPooling2D.of(2), Flatten.create(), Dropout.rate(0.3),
      Dense.units(128).withActivation(ActivationFn.RELU), Dense.units(10)).spec();

  @Test
  void multiplyAddsCountEachWeightOncePerOutputPosition() {
    // the weights' uses: Dense kernels once, each 3×3 kernel at every pixel of its 28×28 or 14×14 output
    long mlpWeights = 784 * 128 + 128 + 128 * 10 + 10;
    long mlpElements = 784 + 128 + 128 + 10; // the input, the dense node, its ReLU (a node of its own), the logits
    assertEquals(mlpWeights + mlpElements, StepsPerExecution.macsPerSample(MLP));
    long convs = 9L * 32 * 28 * 28 + 9L * 32 * 64 * 14 * 14 + 3136L * 128 + 128 + 1280 + 10;
    long macs = StepsPerExecution.macsPerSample(CNN);
    assertEquals(1.0, macs / (double) convs, 0.05, "the weights dominate: " + macs + " against " + convs);
  }

  @Test
  void autoGrowsWithTheFitUntilTheCapAndStaysOneForABigStepOrAShortFit() {
    int a = FitOptions.AUTO;
    assertEquals(64, StepsPerExecution.choose(MLP, 32, a, 20 * 1875), "twenty epochs of Fashion-MNIST");
    assertEquals(16, StepsPerExecution.choose(MLP, 32, a, 5 * 1875), "five epochs");
    assertEquals(2, StepsPerExecution.choose(MLP, 32, a, 1875), "one epoch: 1,875 steps pay for 2 copies");
    assertEquals(1, StepsPerExecution.choose(MLP, 32, a, 40), "a test's fit");
    assertEquals(2, StepsPerExecution.choose(CNN, 32, a, 30 * 1875), "a CNN step is long");
    assertEquals(1, StepsPerExecution.choose(CNN, 128, a, 30 * 468), "longer still");
    assertEquals(7, StepsPerExecution.choose(MLP, 32, 7, 40), "what was asked");
  }

  @Test
  void inferenceJoinsBatchesOfASmallModelOnly() {
    assertEquals(1024, StepsPerExecution.inferenceBatch(MLP, 32, 10_000));
    assertEquals(500, StepsPerExecution.inferenceBatch(MLP, 32, 500), "never more than the data");
    assertEquals(32, StepsPerExecution.inferenceBatch(CNN, 32, 10_000));
    assertEquals(32, StepsPerExecution.inferenceBatch(MLP, 32, 20), "nor less than a batch");
  }
}
