package dev.layerwise.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the nodes a graph archive lists, trusting nothing: the file says which nodes each node takes, and nothing
 * stops it describing a cycle, which no model built in code can have (a symbolic tensor is made from existing ones).
 * The order is Kahn's: a node is placed once every node it takes is placed, ties in the file's order. Nodes left
 * over are on a cycle or downstream of one; the refusal names one cycle, found by walking back from a left-over node
 * along left-over inputs until a node repeats (every left-over node takes at least one left-over node, so the walk
 * cannot stop before).
 */
final class GraphOrder {
  private GraphOrder() {}

  /**
   * The node names in an order where each comes after the nodes it takes.
   *
   * @param inbound each node's inputs by name, every name a key of the map (checked by the caller), in file order
   * @throws IllegalArgumentException naming the nodes of a cycle, in the direction data would flow
   */
  static List<String> topological(Map<String, List<String>> inbound) {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> consumers = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    for (var e : inbound.entrySet()) {
      waiting.put(e.getKey(), e.getValue().size());
      for (String in : e.getValue()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(e.getKey());
      }
      if (e.getValue().isEmpty()) {
        ready.add(e.getKey());
      }
    }
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.poll();
      order.add(n);
      for (String c : consumers.getOrDefault(n, List.of())) {
        if (waiting.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    if (order.size() < inbound.size()) {
      Set<String> left = new LinkedHashSet<>(inbound.keySet());
      order.forEach(left::remove);
      throw new IllegalArgumentException("model.nodes form a cycle: " + String.join(" → ", cycle(inbound, left))
          + " (each takes the output of the one before it); a model is a graph without cycles, so it cannot be"
          + " built. Nodes on or after the cycle: " + ArchiveReader.shown(left));
    }
    return order;
  }

  /** One cycle among the left-over nodes, in data-flow order, its first node repeated at the end. */
  private static List<String> cycle(Map<String, List<String>> inbound, Set<String> left) {
    Map<String, Integer> seenAt = new LinkedHashMap<>();
    List<String> walk = new ArrayList<>();
    String n = left.iterator().next();
    while (!seenAt.containsKey(n)) {
      seenAt.put(n, walk.size());
      walk.add(n);
      n = inbound.get(n).stream().filter(left::contains).findFirst().orElseThrow();
    }
    List<String> back = new ArrayList<>(walk.subList(seenAt.get(n), walk.size()));
    back.add(n);
    // the walk went from consumers to what they take: reversed, it runs the way data would flow
    List<String> forward = new ArrayList<>();
    for (int i = back.size() - 1; i >= 0; i--) {
      forward.add("'" + back.get(i) + "'");
    }
    return forward;
  }

  /** The nodes no output depends on: walking back from the outputs along every node's inputs never reaches them. */
  static List<String> unreached(Map<String, List<String>> inbound, List<String> outputs) {
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(outputs);
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (reached.add(n)) {
        todo.addAll(inbound.get(n));
      }
    }
    return inbound.keySet().stream().filter(n -> !reached.contains(n)).toList();
  }
}
