package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.internal.CompileChecks;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
import java.util.Map;

/** How a compiled model's SavedModel export is named and who writes it ({@link CompiledModel#exportSavedModel}). */
final class SavedModelExports {
  private SavedModelExports() {}

  /**
   * Writes the SavedModel of a model's current weights, on its own backend if it can export, else on one that can;
   * a model with one output gets an output name from its loss and, for class signatures, a class head.
   *
   * @param config the model's configuration, or {@code null} for a model compiled without a loss
   */
  static Path export(Model model, Backend backend, TrainingConfig config, Map<String, TensorValue> weights,
      SavedModelExport export) {
    ModelSpec spec = model.spec();
    boolean oneOutput = spec.outputs().size() == 1;
    checkArgument(oneOutput || export.outputName() == null && !export.classSignatures(), "exportSavedModel: model"
        + " '%s' has outputs %s, and its signature names each output after it; an output name and class signatures"
        + " are for a model with one output", model.name(), model.outputNames());
    SavedModelExport named = export.outputName() != null || !oneOutput ? export
        : export.withOutputName(defaultOutputName(model, config));
    if (named.classSignatures() && named.classHead() == null) {
      named = named.withClassHead(classHead(model, config));
    }
    if (named.classNames() == null && model.classNames().isPresent()) {
      named = named.withClassNames(model.classNames().get());
    }
    if (named.classNames() != null) {
      ModelClassNames.check(spec, named.classNames());
    }
    Backend exporter = backend.capabilities().contains(Capability.SAVED_MODEL_EXPORT) ? backend
        : Backend.withCapability(Capability.SAVED_MODEL_EXPORT).stream().findFirst().orElseThrow(() ->
            new IllegalStateException("no backend on the class path can export SavedModels; add"
                + " dev.layerwise:layerwise-tf"));
    if (exporter != backend && backend.threads().isPresent()) {
      exporter = exporter.withThreads(backend.threads().get());   // the budget goes with the model
    }
    return exporter.savedModelExporter().export(spec, weights, named);
  }

  /** How the class signatures follow from this model's output; only classifiers have them. */
  private static SavedModelExport.ClassHead classHead(Model model, TrainingConfig config) {
    checkArgument(config != null, "class signatures follow from a classifier's loss, and '%s' was compiled without"
        + " one; say how its output gives classes with SavedModelExport.withClassHead", model.name());
    Loss loss = config.lossFor(model.outputNames().get(0));
    // A KL-trained model ends with softmax (compile checks it); categorical_hinge scores are margins, not
    // probabilities, so it gets no class signatures.
    boolean categorical = loss instanceof CategoricalCrossentropy || loss instanceof SparseCategoricalCrossentropy
        || loss instanceof KLDivergence;
    checkArgument(categorical || loss instanceof BinaryCrossentropy, "class signatures need a classifier whose"
        + " output gives probabilities (a cross-entropy or kl_divergence loss); '%s' is trained with %s",
        model.name(), loss.kerasName());
    if (loss.fromLogits()) {
      return categorical ? SavedModelExport.ClassHead.SOFTMAX_OF_OUTPUT : SavedModelExport.ClassHead.SIGMOID_OF_OUTPUT;
    }
    return categorical ? SavedModelExport.ClassHead.OUTPUT_IS_SOFTMAX : SavedModelExport.ClassHead.OUTPUT_IS_SIGMOID;
  }

  /** {@code logits} when the loss reads logits, {@code probabilities} after softmax/sigmoid, else {@code output}. */
  private static String defaultOutputName(Model model, TrainingConfig config) {
    if (config != null && config.lossFor(model.outputNames().get(0)).fromLogits()) {
      return "logits";
    }
    boolean probs = CompileChecks.outputActivation(model.spec().lastNode())
        .filter(f -> f == ActivationFn.SOFTMAX || f == ActivationFn.SIGMOID).isPresent();
    return probs ? "probabilities" : "output";
  }
}
