package dev.layerwise.tf;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * What TensorFlow's C++ gradient registry ({@code GradOpRegistry}, the one {@code Graph.addGradients} consults)
 * says about an op type, cached per instance (one preflight), since one graph asks about the same types many
 * times.
 *
 * <p>The registry is asked through {@code TFJ_HasGradient}: TF Java's own {@code TensorFlow.hasGradient} is
 * package-private and only forwards to it. It answers whether the type has an <em>entry</em>, and an entry is
 * one of three things:
 * <ul>
 *   <li>a C++ gradient function ({@code MatMul}, {@code Relu}, …): differentiable;
 *   <li>a Java gradient added with {@code TensorFlow.registerCustomGradient}, which lands in the same registry
 *       and therefore counts as a gradient too (the TF backend registers none);
 *   <li>an explicit "no gradient" ({@code REGISTER_NO_GRADIENT_OP}: {@code StopGradient}, {@code OneHot},
 *       {@code Shape}, comparisons, …). {@code TFJ_HasGradient} says {@code true} for these as well, because
 *       the lookup succeeds with a null function; {@code addGradients} then passes no gradient through them
 *       (verified: the gradient of a variable behind {@code StopGradient}, {@code ZerosLike}, {@code Floor} or
 *       {@code OneHot} comes back null, with no error).
 * </ul>
 * The C API cannot tell the last kind from the first, so {@link #NON_DIFFERENTIABLE} lists them: every
 * {@code REGISTER_NO_GRADIENT_OP} in {@code tensorflow/cc/gradients} of TF 2.18, the version TF Java 1.1.0 runs.
 * Only those with a floating-point output matter to a preflight (the others never receive a gradient), and a
 * name missing here would only make the preflight assume a gradient flows where TF stops it.
 *
 * <p>A type without an entry ({@code ArgMax}, {@code Round}, {@code Cumprod}, {@code RandomUniform},
 * {@code SparseSoftmaxCrossEntropyWithLogits}, and every name TF does not know) makes {@code addGradients}
 * fail with "No gradient defined for op" as soon as a gradient reaches it.
 */
final class TfGradientRegistry {
  /** {@code REGISTER_NO_GRADIENT_OP} in TF 2.18's array_grad.cc, math_grad.cc, data_flow_grad.cc, image_grad.cc. */
  static final Set<String> NON_DIFFERENTIABLE = Set.of(
      "Const", "StopGradient", "ConcatOffset", "EditDistance", "ZerosLike", "InvertPermutation", "Shape", "ShapeN",
      "Rank", "Size", "BroadcastGradientArgs", "OneHot",
      "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "ApproximateEqual", "NotEqual", "LogicalAnd",
      "LogicalOr", "LogicalNot", "Floor",
      "Queue", "QueueEnqueue", "QueueEnqueueMany", "QueueDequeue", "QueueDequeueMany", "QueueDequeueUpTo",
      "QueueClose", "QueueSize", "Stack", "StackPush", "StackPop", "StackClose", "GetSessionHandle",
      "GetSessionHandleV2", "GetSessionTensor", "DeleteSessionTensor",
      "NonMaxSuppression", "NonMaxSuppressionV2", "NonMaxSuppressionV3", "NonMaxSuppressionV4",
      "NonMaxSuppressionV5");

  private final Map<String, Boolean> entries = new HashMap<>();

  /** Whether the registry has an entry for the type: a gradient function (C++ or Java) or an explicit none. */
  boolean hasEntry(String opType) {
    return entries.computeIfAbsent(opType, TfGradientRegistry::lookUp);
  }

  /** Registered, and registered as having no gradient: {@code addGradients} stops here without an error. */
  boolean nonDifferentiable(String opType) {
    return NON_DIFFERENTIABLE.contains(opType) && hasEntry(opType);
  }

  /** Registered with a gradient function: the gradient flows on to the op's floating-point inputs. */
  boolean differentiable(String opType) {
    return hasEntry(opType) && !NON_DIFFERENTIABLE.contains(opType);
  }

  /**
   * Locks on {@code TensorFlow.class}, as TF Java's own {@code hasGradient} and {@code registerCustomGradient} do:
   * the C++ registry is a plain map, and a custom-gradient registration may be writing to it.
   */
  private static boolean lookUp(String opType) {
    synchronized (TensorFlow.class) {
      return tensorflow.TFJ_HasGradient(opType);
    }
  }
}
