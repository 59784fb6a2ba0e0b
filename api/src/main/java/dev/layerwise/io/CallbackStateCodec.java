package dev.layerwise.io;

import dev.layerwise.CallbackState;
import dev.layerwise.NdValue;
import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code callbacks} part of {@code layerwise.json}: per resumable callback, in the order of the fit's callbacks,
 * <pre>{@code {"key": "EarlyStopping(val_loss)", "values": {"best": 0.41, "wait": 2.0, ...},
 *   "weights": {"dense/kernel": {"shape": [3, 4], "entry": "callbacks/0/dense/kernel.npy"}, ...}}}</pre>
 * with each tensor in its own {@code .npy} entry. Values keep the state's order, so the same states give the same
 * bytes.
 */
final class CallbackStateCodec {
  private CallbackStateCodec() {}

  static List<Object> toJson(List<CallbackState> states) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      CallbackState s = states.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", s.key());
      m.put("values", new LinkedHashMap<String, Object>(s.values()));
      Map<String, Object> weights = new LinkedHashMap<>();
      for (var e : s.weights().entrySet()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("shape", RecordCodec.toJson(e.getValue().shape()));
        entry.put("entry", ModelArchive.callbackEntry(i, e.getKey()));
        weights.put(e.getKey(), entry);
      }
      m.put("weights", weights);
      out.add(m);
    }
    return out;
  }

  static TensorValue tensor(NdValue v) {
    return new TensorValue(v.shape(), v.toDoubleArray());
  }

  static NdValue value(TensorValue v) {
    return NdValue.of(v.shape(), v.data());
  }

  /** A state as the index describes it, its tensors still to read: the key, values, and each tensor's entry. */
  record Described(String key, Map<String, Double> values, Map<String, String> entries, Map<String, Shape> shapes) {}
}
