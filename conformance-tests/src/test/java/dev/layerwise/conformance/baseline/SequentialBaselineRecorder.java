package dev.layerwise.conformance.baseline;

import dev.layerwise.CompiledModel;
import dev.layerwise.io.Json;
import dev.layerwise.tf.TfSavedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Signature;

/**
 * Writes the baseline {@code SequentialBaselineTest} compares with: for each model of {@link SequentialBaseline}
 * on each backend, {@code <model>-<backend>.json} (what {@link SequentialBaseline#run} gives), and for the MLP on the
 * reference backend an archive saved after training ({@code mlp.layerwise}) and what one more epoch after loading
 * it gives ({@code mlp-resumed-<backend>.json}), and the SavedModel exported from it ({@code
 * mlp-savedmodel.json}: signatures and predictions). The committed files were written by main's code at commit
 * bf3bed0, before models became graphs; running this again on later code overwrites them with that code's output.
 *
 * <p>Run: {@code java -cp <conformance-tests test class path> dev.layerwise.conformance.baseline
 * .SequentialBaselineRecorder conformance-tests/src/test/resources/sequential-baseline}.
 */
public final class SequentialBaselineRecorder {
  private SequentialBaselineRecorder() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (String model : SequentialBaseline.MODELS) {
      for (String backend : SequentialBaseline.BACKENDS) {
        write(dir.resolve(model + "-" + backend + ".json"), SequentialBaseline.run(model, backend));
      }
    }
    Path archive = dir.resolve("mlp.layerwise");
    try (CompiledModel m = SequentialBaseline.compile(SequentialBaseline.MLP, "reference")) {
      m.fit(SequentialBaseline.train(SequentialBaseline.MLP), SequentialBaseline.options(SequentialBaseline.MLP));
      m.save(archive);
    }
    for (String backend : SequentialBaseline.BACKENDS) {
      write(dir.resolve("mlp-resumed-" + backend + ".json"), resumed(archive, backend));
    }
    write(dir.resolve("mlp-savedmodel.json"), savedModel(archive, Files.createTempDirectory("baseline")));
  }

  /**
   * The SavedModel exported from the archive with class signatures: every signature's inputs and outputs (name,
   * type, shape) and what each signature predicts for the validation samples.
   */
  static Map<String, Object> savedModel(Path archive, Path dir) {
    Path exported;
    try (CompiledModel m = CompiledModel.load(archive, dev.layerwise.Backend.named("tensorflow"))) {
      exported = m.exportSavedModel(dev.layerwise.SavedModelExport.to(dir).withClassSignatures(true));
    }
    float[] x = features(SequentialBaseline.validation(SequentialBaseline.MLP));
    int n = SequentialBaseline.validation(SequentialBaseline.MLP).size();
    Map<String, Object> out = new LinkedHashMap<>();
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      for (String key : new java.util.TreeSet<>(served.signatureKeys())) {
        Signature sig = served.signature(key);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("inputs", describe(sig.getInputs()));
        s.put("outputs", describe(sig.getOutputs()));
        Map<String, Object> values = new LinkedHashMap<>();
        for (String output : new java.util.TreeSet<>(served.outputNames(key))) {
          boolean ints = sig.getOutputs().get(output).dataType == org.tensorflow.proto.DataType.DT_INT64;
          double[] v = ints ? java.util.Arrays.stream(served.predictInt64(key, output, x, n)).asDoubleStream()
              .toArray() : widen(served.predict(key, output, x, n));
          values.put(output, SequentialBaseline.doubles(v));
        }
        s.put("predictions", values);
        out.put(key, s);
      }
    }
    return out;
  }

  private static Map<String, Object> describe(Map<String, Signature.TensorDescription> tensors) {
    Map<String, Object> m = new LinkedHashMap<>();
    new java.util.TreeMap<>(tensors).forEach((name, t) -> m.put(name, t.dataType + " " + t.shape));
    return m;
  }

  private static float[] features(dev.layerwise.data.Dataset d) {
    float[] x = new float[d.size() * d.featureShape().size()];
    d.copyRange(0, d.size(), x, null);
    return x;
  }

  private static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static Map<String, Object> resumed(Path archive, String backend) {
    try (CompiledModel m = CompiledModel.load(archive, dev.layerwise.Backend.named(backend))) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("loss", SequentialBaseline.doubles(m.fit(SequentialBaseline.train(SequentialBaseline.MLP),
          SequentialBaseline.options(SequentialBaseline.MLP)).get("loss")));
      Map<String, Object> weights = new LinkedHashMap<>();
      m.backendModel().weights().forEach((k, v) -> weights.put(k, SequentialBaseline.doubles(v.data())));
      out.put("weights", weights);
      return out;
    }
  }

  private static void write(Path file, Map<String, Object> values) throws IOException {
    Files.writeString(file, Json.write(values), StandardCharsets.UTF_8);
  }
}
