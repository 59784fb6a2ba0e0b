package dev.layerwise.check;

/** Thrown by {@link GradientCheckReport#orThrow()}: the message is the whole report, hints included. */
public final class GradientCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient GradientCheckReport report;

  GradientCheckException(GradientCheckReport report) {
    super("gradient check failed:\n" + report);
    this.report = report;
  }

  public GradientCheckReport report() {
    return report;
  }
}
