package dev.layerwise.tuning.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small events for the tests. */
final class Events {
  static final String SPACE = "space-7f3a";
  static final Instant T0 = Instant.parse("2026-12-04T15:00:00.123456Z");

  private Events() {}

  static StudyCreated study() {
    return new StudyCreated(SPACE, "random, 20 trials", "val_accuracy", StudyCreated.Direction.MAXIMIZE, 42L, T0);
  }

  static TrialStarted started(String id, int number) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("learning_rate", 3.0e-4);
    params.put("hidden_units", 128);
    params.put("optimizer", "sgd");
    params.put("momentum", 0.9f);
    params.put("layers", List.of(256, 128));
    params.put("nesterov", true);
    return new TrialStarted(id, number, params, 1000L + number, 3, null, "worker-" + (number % 2),
        T0.plusSeconds(number));
  }

  static EpochReported epoch(String id, int epoch, double loss) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.put("val_accuracy", 1 - loss / 2);
    return new EpochReported(id, epoch, m);
  }

  static TrialFinished done(String id, double objective) {
    return new TrialFinished(id, TrialStatus.DONE, Map.of("val_accuracy", objective), objective, null, 12.5,
        "trials/" + id + ".layerwise");
  }
}
