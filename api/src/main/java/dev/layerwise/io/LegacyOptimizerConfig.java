package dev.layerwise.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the optimizer of an archive saved before the optimizers followed Keras 3's {@code update_step} (and before
 * every optimizer took a weight decay, and Adam AMSGrad). Such a config lacks the fields added then; each is filled
 * with the value that keeps the arithmetic the model was trained with, so its training continues exactly as it
 * would have: no weight decay, no AMSGrad, and {@code UpdateFormula.TF_OP} — the fused TF op's rule, which the
 * archive's slots hold state for — for SGD with momentum, Adagrad and Nadam, with one log line saying so. A config
 * that has some of the added fields but not all is left alone, for the codec to refuse naming the missing one.
 */
final class LegacyOptimizerConfig {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyOptimizerConfig.class);

  /** The fields each optimizer record gained, with the values that reproduce what it computed before. */
  private static final Map<String, Map<String, Object>> ADDED = Map.of(
      "Sgd", Map.of("formula", "TF_OP", "weightDecay", 0.0),
      "Adagrad", Map.of("formula", "TF_OP", "weightDecay", 0.0),
      "Nadam", Map.of("formula", "TF_OP", "weightDecay", 0.0),
      "RMSprop", Map.of("weightDecay", 0.0),
      "Adadelta", Map.of("weightDecay", 0.0),
      "Adamax", Map.of("weightDecay", 0.0),
      "Adam", Map.of("amsgrad", false, "weightDecay", 0.0),
      "AdamW", Map.of("amsgrad", false));

  private LegacyOptimizerConfig() {}

  /**
   * The {@code training} value of {@code layerwise.json} with an old optimizer config completed; anything else
   * (a current config, or one too malformed to recognise) unchanged.
   */
  static Object upgrade(Object training, Path file) {
    if (!(training instanceof Map<?, ?> t) || !(t.get("config") instanceof Map<?, ?> config)
        || !(config.get("optimizer") instanceof Map<?, ?> optimizer)
        || !(optimizer.get("config") instanceof Map<?, ?> fields)) {
      return training;
    }
    String name = String.valueOf(optimizer.get("class_name"));
    Map<String, Object> added = ADDED.get(name);
    if (added == null || added.keySet().stream().anyMatch(fields::containsKey)) {
      return training;
    }
    Map<String, Object> completed = copy(fields);
    completed.putAll(added);
    // Plain SGD computes the same under both formulas: it stays on the default.
    boolean plainSgd = name.equals("Sgd") && completed.get("momentum") instanceof Number mu && mu.doubleValue() == 0;
    if (plainSgd) {
      completed.put("formula", "KERAS");
    } else if (added.containsKey("formula")) {
      LOG.info("{} was saved before Layerwise's {} followed Keras 3; it continues with the rule it was trained"
          + " with, UpdateFormula.TF_OP (TF's fused op). Compile a new model with withFormula(UpdateFormula.KERAS)"
          + " to train with Keras's rule instead.", file, name);
    }
    Map<String, Object> newOptimizer = copy(optimizer);
    newOptimizer.put("config", completed);
    Map<String, Object> newConfig = copy(config);
    newConfig.put("optimizer", newOptimizer);
    Map<String, Object> newTraining = copy(t);
    newTraining.put("config", newConfig);
    return newTraining;
  }

  private static Map<String, Object> copy(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
