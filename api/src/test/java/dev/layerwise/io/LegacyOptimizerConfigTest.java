package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.TrainingConfig;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.LearningRateSchedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training configuration of an archive saved before the optimizers followed Keras 3 reads back as the rule it
 * was trained with: the config is what the old code wrote (the current one without the fields added since), and
 * decoding it must give the old arithmetic — {@code UpdateFormula.TF_OP}, no weight decay, no AMSGrad. The archives
 * written by the old code itself are loaded and trained on in the conformance tests ({@code LegacyArchiveTest}).
 */
class LegacyOptimizerConfigTest {
  private static final Path FILE = Path.of("old.layerwise");

  /** The training JSON the code before Keras parity wrote: the current form without the given fields. */
  @SuppressWarnings("unchecked")
  private static Object writtenBefore(Optimizer optimizer, String... addedSince) {
    Map<String, Object> training = (Map<String, Object>) RecordCodec.toJson(
        TrainingConfig.of(optimizer, Loss.meanSquaredError()));
    Map<String, Object> config = (Map<String, Object>) training.get("config");
    Map<String, Object> o = (Map<String, Object>) config.get("optimizer");
    Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) o.get("config"));
    for (String field : addedSince) {
      assertTrue(fields.remove(field) != null, field + " is a field of " + o.get("class_name"));
    }
    o.put("config", fields);
    return training;
  }

  private static Optimizer read(Object training) {
    return RecordCodec.fromJson(LegacyOptimizerConfig.upgrade(training, FILE), TrainingConfig.class, "training")
        .optimizer();
  }

  @Test
  void theRulesWhoseArithmeticChangedContinueWithTfsOp() {
    LearningRateSchedule drop = LearningRateSchedule.piecewiseConstant(new long[] {2}, new double[] {0.1, 0.02});
    assertEquals(Optimizer.sgd(drop).withMomentum(0.9).withFormula(UpdateFormula.TF_OP),
        read(writtenBefore(Optimizer.sgd(drop).withMomentum(0.9), "formula", "weightDecay")));
    assertEquals(Optimizer.sgd(0.1).withNesterov(0.9).withFormula(UpdateFormula.TF_OP),
        read(writtenBefore(Optimizer.sgd(0.1).withNesterov(0.9), "formula", "weightDecay")));
    assertEquals(Optimizer.adagrad(0.1).withEpsilon(0.1).withFormula(UpdateFormula.TF_OP),
        read(writtenBefore(Optimizer.adagrad(0.1).withEpsilon(0.1), "formula", "weightDecay")));
    assertEquals(Optimizer.nadam(0.05).withFormula(UpdateFormula.TF_OP),
        read(writtenBefore(Optimizer.nadam(0.05), "formula", "weightDecay")));
  }

  @Test
  void plainSgdComputesTheSameEitherWayAndStaysOnKerassFormula() {
    assertEquals(Optimizer.sgd(0.1), read(writtenBefore(Optimizer.sgd(0.1), "formula", "weightDecay")));
  }

  @Test
  void theOthersGainNoDecayAndNoAmsgrad() {
    List<Optimizer> unchanged = List.of(Optimizer.rmsprop(0.01).withCentered(true), Optimizer.adadelta(1.0),
        Optimizer.adamax(0.002));
    for (Optimizer o : unchanged) {
      assertEquals(o, read(writtenBefore(o, "weightDecay")));
    }
    assertEquals(Optimizer.adam(0.01), read(writtenBefore(Optimizer.adam(0.01), "amsgrad", "weightDecay")));
    assertEquals(Optimizer.adamW(0.01, 0.004), read(writtenBefore(Optimizer.adamW(0.01, 0.004), "amsgrad")));
  }

  @Test
  void aCurrentConfigIsLeftAlone() {
    Object training = RecordCodec.toJson(TrainingConfig.of(Optimizer.nadam(0.01).withWeightDecay(0.004),
        Loss.meanSquaredError()));
    assertSame(training, LegacyOptimizerConfig.upgrade(training, FILE));
    assertEquals(Optimizer.nadam(0.01).withWeightDecay(0.004), read(training));
  }

  @Test
  void aConfigWithSomeButNotAllOfTheNewFieldsIsRefusedNamingTheMissingOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(writtenBefore(Optimizer.nadam(0.01), "formula")));
    assertEquals("training.config.optimizer.config: expected a value for 'formula', got none", e.getMessage());
  }

  @Test
  void amsgradOnAnOptimizerWithoutItIsRefusedNamingIt() {
    // The Java API cannot express it (only Adam and AdamW have withAmsgrad); a config file can.
    @SuppressWarnings("unchecked")
    Map<String, Object> training = (Map<String, Object>) RecordCodec.toJson(TrainingConfig.of(Optimizer.nadam(0.01),
        Loss.meanSquaredError()));
    @SuppressWarnings("unchecked")
    Map<String, Object> nadam = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) training
        .get("config")).get("optimizer")).get("config");
    nadam.put("amsgrad", true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(training));
    assertTrue(e.getMessage().startsWith("training.config.optimizer.config: expected only the fields of Nadam"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("got an unknown field 'amsgrad'"), e.getMessage());
  }
}
