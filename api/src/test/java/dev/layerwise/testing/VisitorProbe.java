package dev.layerwise.testing;

import dev.layerwise.layers.LayerVisitor;
import java.lang.reflect.Proxy;

/** Visitors for dispatch tests, built by reflection so they cover every visit method the api declares. */
public final class VisitorProbe {
  private VisitorProbe() {}

  /** Returns the name of the visit method called ({@code "visitDense"}). */
  @SuppressWarnings("unchecked")
  public static LayerVisitor<Void, String> methodName() {
    return (LayerVisitor<Void, String>) Proxy.newProxyInstance(LayerVisitor.class.getClassLoader(),
        new Class<?>[] {LayerVisitor.class}, (proxy, method, args) -> method.getName());
  }

  /** Returns the layer it visits. */
  @SuppressWarnings("unchecked")
  public static LayerVisitor<Void, Object> identity() {
    return (LayerVisitor<Void, Object>) Proxy.newProxyInstance(LayerVisitor.class.getClassLoader(),
        new Class<?>[] {LayerVisitor.class}, (proxy, method, args) -> args[0]);
  }
}
