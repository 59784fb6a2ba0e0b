package dev.layerwise.tuning;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * When a conditional parameter exists: its parent is present and takes one of {@code values} ({@code momentum}
 * only when {@code optimizer} is {@code "sgd"}). A parent that is itself absent makes the condition false, so
 * conditions chain.
 */
public record Condition(String parent, List<Object> values) {
  public Condition {
    values = List.copyOf(values);
  }

  /** Whether the condition holds for the values drawn so far. */
  public boolean holds(Map<String, Object> drawn) {
    Object v = drawn.get(parent);
    return v != null && values.contains(v);
  }

  String canonical() {
    StringJoiner j = new StringJoiner(",", parent + " in [", "]");
    values.forEach(v -> j.add(Values.canonical(v)));
    return j.toString();
  }

  @Override
  public String toString() {
    return parent + " in " + values;
  }
}
