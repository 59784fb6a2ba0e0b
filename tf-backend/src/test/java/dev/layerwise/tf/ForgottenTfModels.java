package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The child JVM of {@link TfLeakNetTest}: forgets a TF model and a loaded SavedModel, closes another model, then
 * collects until the forgotten ones are gone. Prints what it saw; the warnings go to stderr through slf4j-simple.
 */
public final class ForgottenTfModels {
  private ForgottenTfModels() {}

  private static CompiledModel compile(String name) {
    return Sequential.of(Input.shape(4), Dense.units(3)).withName(name).withSeed(1)
        .compile(Backend.named("tensorflow"), Optimizer.sgd(0.1), Loss.meanSquaredError());
  }

  /** Compiles a model and drops it, keeping only its native memory (which does not reference the model). */
  private static TfModelResources forget() {
    CompiledModel m = compile("forgotten");
    m.predict(new float[4]);
    return ((TfModel<?>) m.backendModel()).resources();
  }

  private static WeakReference<TfSavedModel> forgetSavedModel(Path dir) {
    Path version;
    try (CompiledModel m = compile("exported")) {
      version = m.exportSavedModel(SavedModelExport.to(dir));
    }
    TfSavedModel served = TfSavedModel.load(version);
    served.predict(new float[4], 1);
    return new WeakReference<>(served);
  }

  public static void main(String[] args) throws Exception {
    TfModelResources forgotten = forget();
    Path dir = Files.createTempDirectory("forgotten-savedmodel");
    WeakReference<TfSavedModel> served = forgetSavedModel(dir);
    CompiledModel closedModel = compile("closed");
    TfModelResources closed = ((TfModel<?>) closedModel.backendModel()).resources();
    closedModel.close();
    System.out.println("closed model freed at close: " + closed.isClosed());
    for (int i = 0; i < 500 && (!forgotten.isClosed() || served.get() != null); i++) {
      System.gc();
      Thread.sleep(10);
    }
    Thread.sleep(500); // the cleaner thread logs and frees right after the collector enqueues the owner
    System.out.println("forgotten model freed by the net: " + forgotten.isClosed());
    System.out.println("forgotten SavedModel collected: " + (served.get() == null));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
