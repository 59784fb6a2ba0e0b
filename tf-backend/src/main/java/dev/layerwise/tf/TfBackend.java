package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.SavedModelExporter;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TensorFlow backend ({@code "tensorflow"}): lowers models to TF Java graphs, trains with TF's C++ autodiff
 * and CPU (or CUDA) kernels, and exports SavedModels. Native libraries load on the first compile, not here.
 */
public final class TfBackend implements Backend {
  public static final String NAME = "tensorflow";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.FLOAT64, Capability.SAVED_MODEL_EXPORT);
  }

  @Override
  public BackendModel compile(ModelSpec spec, TrainingConfig config) {
    return TfModel.create(spec, config);
  }

  @Override
  public SavedModelExporter savedModelExporter() {
    return new TfSavedModelExporter();
  }

  @Override
  public String toString() {
    return "TfBackend";
  }
}
