package dev.layerwise.tuning.journal;

import static dev.layerwise.tuning.journal.JsonValues.instant;
import static dev.layerwise.tuning.journal.JsonValues.integer;
import static dev.layerwise.tuning.journal.JsonValues.map;
import static dev.layerwise.tuning.journal.JsonValues.real;
import static dev.layerwise.tuning.journal.JsonValues.realMap;
import static dev.layerwise.tuning.journal.JsonValues.smallInteger;
import static dev.layerwise.tuning.journal.JsonValues.string;

import java.util.LinkedHashMap;
import java.util.Map;

/** Events to JSON values ({@link dev.layerwise.io.Json}'s model) and back, field by field. */
final class EventCodec {
  private EventCodec() {}

  static Map<String, Object> payload(JournalEvent event) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (event instanceof StudyCreated e) {
      m.put("spaceFingerprint", e.spaceFingerprint());
      m.put("strategy", e.strategy());
      m.put("objective", e.objective());
      m.put("direction", e.direction().name());
      m.put("seed", e.seed());
      m.put("created", e.created().toString());
    } else if (event instanceof TrialStarted e) {
      m.put("trialId", e.trialId());
      m.put("number", (long) e.number());
      m.put("params", e.params());
      m.put("seed", e.seed());
      m.put("budgetEpochs", (long) e.budgetEpochs());
      m.put("continuesFrom", e.continuesFrom());
      m.put("worker", e.worker());
      m.put("time", e.time().toString());
    } else if (event instanceof EpochReported e) {
      m.put("trialId", e.trialId());
      m.put("epoch", (long) e.epoch());
      m.put("metrics", e.metrics());
    } else if (event instanceof TrialFinished e) {
      m.put("trialId", e.trialId());
      m.put("status", e.status().name());
      m.put("metrics", e.metrics());
      m.put("objective", e.objective());
      m.put("reason", e.reason());
      m.put("seconds", e.seconds());
      m.put("archive", e.archive());
    } else {
      Intervention e = (Intervention) event;
      m.put("trialId", e.trialId());
      m.put("afterEpoch", (long) e.afterEpoch());
      m.put("changes", e.changes());
      m.put("note", e.note());
    }
    return m;
  }

  /**
   * The event of kind {@code kind} from its payload.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static JournalEvent event(String kind, Map<String, Object> p) {
    return switch (kind) {
      case "study-created" -> new StudyCreated(string(p, "spaceFingerprint"), string(p, "strategy"),
          string(p, "objective"), StudyCreated.Direction.valueOf(string(p, "direction")), integer(p, "seed"),
          instant(p, "created"));
      case "trial-started" -> new TrialStarted(string(p, "trialId"), smallInteger(p, "number"),
          map(p.get("params"), "'params'"), integer(p, "seed"), smallInteger(p, "budgetEpochs"),
          string(p, "continuesFrom"), string(p, "worker"), instant(p, "time"));
      case "epoch-reported" -> new EpochReported(string(p, "trialId"), smallInteger(p, "epoch"),
          realMap(p, "metrics"));
      case "trial-finished" -> new TrialFinished(string(p, "trialId"), TrialStatus.valueOf(string(p, "status")),
          realMap(p, "metrics"), real(p.get("objective"), "'objective'"), string(p, "reason"),
          real(p.get("seconds"), "'seconds'"), string(p, "archive"));
      case "intervention" -> new Intervention(string(p, "trialId"), smallInteger(p, "afterEpoch"),
          map(p.get("changes"), "'changes'"), string(p, "note"));
      default -> throw new IllegalArgumentException("unknown event '" + kind + "'");
    };
  }
}
