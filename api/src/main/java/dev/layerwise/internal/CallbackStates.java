package dev.layerwise.internal;

import dev.layerwise.CallbackState;
import dev.layerwise.FitCallback;
import dev.layerwise.ModelCheckpoint;
import dev.layerwise.ResumableCallback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds saved {@link CallbackState}s to the callbacks of a resumed fit, by {@link ResumableCallback#stateKey()}
 * (the rules are in {@link ResumableCallback}'s comment), and takes them back when a fit ends.
 */
final class CallbackStates {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackStates.class);

  private CallbackStates() {}

  /**
   * The resumable callbacks by key.
   *
   * @throws IllegalArgumentException if two share a key, naming it and both callbacks
   */
  static Map<String, ResumableCallback> byKey(List<FitCallback> callbacks) {
    Map<String, ResumableCallback> out = new LinkedHashMap<>();
    String checkpoint = null;
    for (FitCallback c : callbacks) {
      if (c instanceof ModelCheckpoint) {
        checkpoint = "a ModelCheckpoint";
      } else if (c instanceof ResumableCallback && checkpoint != null) {
        LOG.warn("fit: {} comes before {}: its saves hold that callback's state of the epoch before; put"
            + " ModelCheckpoint after the callbacks whose state a resumed fit continues", checkpoint, c);
      }
      if (c instanceof ResumableCallback r) {
        ResumableCallback before = out.putIfAbsent(r.stateKey(), r);
        if (before != null) {
          throw new IllegalArgumentException(String.format("fit: two callbacks have the state key '%s' (%s and %s);"
              + " a resumed fit could not tell which one continues a saved state: give each a different monitor, or"
              + " pass only one", r.stateKey(), before, r));
        }
      }
    }
    return out;
  }

  /** Hands each saved state to the callback of its key; logs the callbacks that start fresh and the states dropped. */
  static void restore(Map<String, ResumableCallback> callbacks, List<CallbackState> saved) {
    Map<String, CallbackState> byKey = new LinkedHashMap<>();
    saved.forEach(s -> byKey.put(s.key(), s));
    callbacks.forEach((key, c) -> {
      CallbackState s = byKey.remove(key);
      if (s == null) {
        LOG.info("resumed fit: no saved state for callback {}; it starts fresh (saved states: {})", key,
            keys(saved));
      } else {
        c.restore(s);
        LOG.debug("resumed fit: callback {} continues from {}", key, s.values());
      }
    });
    byKey.keySet().forEach(key -> LOG.info("resumed fit: saved state {} matches no callback of this fit (callbacks"
        + " with state: {}); it is dropped", key, callbacks.keySet()));
  }

  /** Every resumable callback's state, in callback order. */
  static List<CallbackState> collect(Map<String, ResumableCallback> callbacks) {
    List<CallbackState> out = new ArrayList<>();
    callbacks.values().forEach(c -> out.add(c.state()));
    return List.copyOf(out);
  }

  private static List<String> keys(List<CallbackState> states) {
    return states.stream().map(CallbackState::key).toList();
  }
}
