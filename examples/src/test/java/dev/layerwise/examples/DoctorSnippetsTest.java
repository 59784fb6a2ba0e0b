package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.doctor.Check;
import dev.layerwise.doctor.DoctorReport;
import dev.layerwise.doctor.Verdict;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's recipe of {@code docs/doctor.md} ({@link DoctorSnippets}) on a healthy set-up — the Fashion-MNIST MLP
 * on the reference backend, 2,000 training images, 500 test images to validate — passes every check and prints each.
 */
class DoctorSnippetsTest {
  @TempDir Path dir;

  @Test
  void theWholeDoctorPassesTheHealthyMlpOnTensorFlowAndWritesItsReport() throws Exception {
    FashionMnist.Splits data = FashionMnist.load();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (CompiledModel model = FashionMnistMlp.model(42).compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      DoctorReport r = DoctorSnippets.examine(model, data.train().take(20_000), data.test().take(2_000),
          dir.resolve("report"), new PrintStream(printed, true, StandardCharsets.UTF_8));
      String text = printed.toString(StandardCharsets.UTF_8);
      assertEquals(Verdict.PASS, r.verdict(), text);
      for (String name : List.of("initial loss", "activation scale", "gradient flow", "update ratio",
          "overfit a tiny subset", "learning signal", "learning-rate range test")) {
        assertTrue(text.contains("PASS  " + name + ": "), name + " in " + text);
      }
      assertTrue(Files.readString(dir.resolve("report/index.html")).contains("learning-rate range test"));
      assertEquals(0, model.iterations(), "the doctor trains copies");
    }
  }

  @Test
  void aHealthyFashionMnistMlpPassesTheRecipe() {
    FashionMnist.Splits data = FashionMnist.load();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (CompiledModel model = FashionMnistMlp.model(42).compile(Backend.named("reference"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      FitOptions options = FitOptions.builder().epochs(3).batchSize(32).quiet()
          .validationData(data.test().take(500)).build();
      List<Check> checks = DoctorSnippets.recipe(model, data.train().take(2_000), data.test().take(500), options,
          new PrintStream(printed, true, StandardCharsets.UTF_8));
      String text = printed.toString(StandardCharsets.UTF_8);
      assertEquals(List.of("label balance", "feature scale", "duplicates between training and validation",
          "class order", "initial loss", "training loss trend", "validation gap"),
          checks.stream().map(Check::name).toList());
      assertEquals(List.of(), checks.stream().filter(c -> c.verdict() != Verdict.PASS).map(Check::toText)
          .collect(Collectors.toList()), text);
      checks.forEach(c -> assertTrue(text.contains("PASS  " + c.name() + ": "), text));
    }
  }

  @Test
  void batchesOfTwoReadAsNoisyBatchesOf32DoNot() {
    FashionMnist.Splits data = FashionMnist.load();
    for (int batch : new int[] {2, 32}) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      try (CompiledModel model = FashionMnistMlp.model(42).compile(Backend.named("reference"), Optimizer.adam(1e-3),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        Check c = DoctorSnippets.noise(model, data.train().take(1_000), batch,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals("step noise", c.name());
        assertEquals(batch == 2 ? Verdict.WARN : Verdict.PASS, c.verdict(), c.toText());
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith(c.verdict() + "  step noise: "));
      }
    }
  }
}
