package dev.layerwise.spark;

import dev.layerwise.Backend;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.TrialOutcome;
import dev.layerwise.tuning.TrialTraining;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark task of one trial, run on an executor: instantiate the model factory named in the payload, take the
 * study's data from this JVM's cache (loading it the first time), train with {@link TrialTraining}, write the
 * archive, and return the {@link TrialOutcome} to the driver, which journals it. A missing class, unreadable data
 * or an archive that cannot be written fail the trial with the reason, like a diverged fit; only a crash of the
 * executor itself (a native fault) fails the task, and the driver records that too.
 *
 * <p>A named class rather than a lambda: what Spark serialises is this class and the payload, nothing of the
 * driver's program.
 */
final class RunTrial implements FlatMapFunction<Iterator<TrialPayload>, TrialOutcome> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<HadoopSettings> hadoop;

  RunTrial(Broadcast<HadoopSettings> hadoop) {
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<TrialOutcome> call(Iterator<TrialPayload> payloads) {
    List<TrialOutcome> out = new ArrayList<>();
    payloads.forEachRemaining(p -> out.add(run(p, hadoop.value().toConfiguration())));
    return out.iterator();
  }

  static TrialOutcome run(TrialPayload p, Configuration conf) {
    String worker = "executor " + ExecutorName.describe();
    long start = System.nanoTime();
    ModelFactory factory;
    StudyData data;
    HadoopArchives archives;
    Backend backend;
    try {
      factory = ExecutorClasses.instantiate(p.factoryClass(), ModelFactory.class, "model factory");
      data = ExecutorData.get(p.data(), conf);
      archives = new HadoopArchives(p.archives(), conf);
      backend = Backend.named(p.backend());
      backend = p.threads() > 0 ? backend.withThreads(p.threads()) : backend;
    } catch (Exception | LinkageError e) {
      String reason = e instanceof ExecutorData.DataUnreadableException || e instanceof ClassNotFoundException
          ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return TrialOutcome.failed(p.previousBudget(), List.of(), reason, (System.nanoTime() - start) / 1e9, worker);
    }
    return TrialTraining.run(new TrialTraining.Work(p.spec(), p.previousBudget(), factory, data.train(),
        data.validation(), new Objective(p.objectiveKey(), p.higherIsBetter()), backend, archives),
        TrialTraining.EpochListener.none(), worker);
  }
}
