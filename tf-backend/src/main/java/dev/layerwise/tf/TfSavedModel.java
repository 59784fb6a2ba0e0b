package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.SavedModelExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel loaded for inference in Java, called through its {@code serving_default} signature. The TF
 * session underneath is thread-safe, so one instance may serve concurrent callers.
 *
 * <pre>{@code
 * try (TfSavedModel served = TfSavedModel.load(Path.of("models/fashion/1"))) {
 *   float[] logits = served.predict(pixels, 10);   // 10 samples of 784 floats
 * }
 * }</pre>
 */
public final class TfSavedModel implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;
  private final String outputName;
  private final long[] inputDims;

  private TfSavedModel(SavedModelBundle bundle) {
    this.bundle = bundle;
    this.function = bundle.function(SavedModelExport.SIGNATURE_KEY);
    Signature sig = function.signature();
    checkArgument(sig.inputNames().size() == 1 && sig.outputNames().size() >= 1,
        "signature %s should have one input and an output, has inputs %s and outputs %s",
        SavedModelExport.SIGNATURE_KEY, sig.inputNames(), sig.outputNames());
    this.inputName = sig.inputNames().iterator().next();
    this.outputName = sig.outputNames().iterator().next();
    this.inputDims = sig.getInputs().get(inputName).shape.asArray();
  }

  /** Loads {@code <base>/<version>} (the folder holding {@code saved_model.pb}) with the {@code serve} tag. */
  public static TfSavedModel load(Path dir) {
    checkArgument(Files.isRegularFile(dir.resolve("saved_model.pb")),
        "no SavedModel at %s (expected %s)", dir, dir.resolve("saved_model.pb"));
    return new TfSavedModel(SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG));
  }

  public Signature signature() {
    return function.signature();
  }

  public SavedModelBundle bundle() {
    return bundle;
  }

  /** Values per sample the input takes (the product of its non-batch dimensions). */
  public int featureSize() {
    long n = 1;
    for (int i = 1; i < inputDims.length; i++) {
      n *= inputDims[i];
    }
    return (int) n;
  }

  /** Runs {@code count} samples (row-major, {@link #featureSize()} floats each); returns the output, flat. */
  public float[] predict(float[] x, int count) {
    int fs = featureSize();
    checkArgument(count > 0 && x.length >= count * fs, "predict: need %s × %s input values, got %s", count, fs,
        x.length);
    long[] dims = inputDims.clone();
    dims[0] = count;
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(dims))) {
      input.asRawTensor().data().asFloats().write(x, 0, count * fs);
      try (Result r = function.call(Map.of(inputName, input))) {
        Tensor out = r.get(outputName).orElseThrow();
        return TfTensors.readFloats(out, (int) out.shape().size());
      }
    }
  }

  @Override
  public void close() {
    bundle.close();
  }
}
