package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.StudyState;
import dev.layerwise.tuning.journal.TrialRecord;
import dev.layerwise.tuning.journal.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Babysitting one model: the epochs and the change of rate are in the journal, in order, with the note. */
class PandaTest {
  @TempDir Path dir;

  @Test
  void theCurveShowsTheIntervention() throws Exception {
    Hyperparameters params = Hyperparameters.of(Map.of("lr", 0.05, "units", 16));
    try (Panda panda = Panda.start(dir, params, StudyTest.factory(new AtomicInteger(), List.of()),
        StudyTest.clusters(400, 1), StudyTest.clusters(200, 2), Objective.maximize("val_accuracy"),
        Backend.named("reference"))) {
      var before = panda.train(2);
      assertEquals(0.05, before.learningRates()[0], 0.0, "the factory's rate until the change");
      panda.setLearningRate(1e-3, "val_loss flat");
      var h = panda.train(2);
      assertEquals(1e-3, h.learningRates()[h.learningRates().length - 1], 0.0, "the new rate was used");
      panda.finish();
      assertEquals(4, panda.epochs());
      var chart = panda.chart();
      assertEquals(2, chart.getSeriesMap().size(), "loss and val_loss");
      Path png = dev.layerwise.doctor.Charts.writePng(chart, dir.resolve("panda.png"));
      assertTrue(Files.size(png) > 1000);
      assertThrows(IllegalStateException.class, () -> panda.train(1));
    }
    StudyState s = StudyJournal.open(new LocalJournalStore(dir.resolve("journal"))).replay();
    TrialRecord t = s.trial(Panda.ID);
    assertEquals(TrialStatus.DONE, t.status());
    assertEquals(List.of(1, 2, 3, 4), t.curve().stream().map(e -> e.epoch()).toList());
    assertEquals(1, t.interventions().size());
    assertEquals(2, t.interventions().get(0).afterEpoch());
    assertEquals("val_loss flat", t.interventions().get(0).note());
    assertTrue(Files.exists(dir.resolve("panda.layerwise")));
  }
}
