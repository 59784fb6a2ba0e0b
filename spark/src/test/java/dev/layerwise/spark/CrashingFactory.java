package dev.layerwise.spark;

import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.TrialContext;
import java.lang.reflect.Field;

/**
 * Trial 1 crashes its executor's JVM the way a native fault in TensorFlow would: a write to address 0 (SIGSEGV,
 * the JVM dies with an hs_err file). The other trials build the tests' usual model.
 */
public final class CrashingFactory implements ModelFactory {
  @Override
  public TrialSetup build(TrialContext trial) throws Exception {
    if (trial.number() == 1) {
      Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
    }
    return new ClusterFactory().build(trial);
  }
}
