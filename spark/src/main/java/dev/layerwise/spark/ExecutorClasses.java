package dev.layerwise.spark;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Instantiates a class named in a trial's payload (the model factory, the data loader) on whichever JVM runs the
 * trial, with messages that say what to ship when it is missing. The driver checks the same on its own classpath
 * before the study starts; an executor can still lack a jar the driver has.
 */
final class ExecutorClasses {
  private ExecutorClasses() {}

  /**
   * A new instance of {@code className}, which must implement {@code type} and have a public no-argument
   * constructor.
   *
   * @param role what the class is for, in messages ("model factory")
   */
  static <T> T instantiate(String className, Class<T> type, String role) throws ReflectiveOperationException {
    Class<?> c;
    try {
      c = Class.forName(className, true, loader());
    } catch (ClassNotFoundException e) {
      throw new ClassNotFoundException("the " + role + " class " + className + " is not on the classpath of executor "
          + ExecutorName.describe() + ": ship the jar that holds it with the job (spark-submit --jars, or inside the"
          + " application jar)", e);
    }
    if (!type.isAssignableFrom(c)) {
      throw new IllegalArgumentException("the " + role + " class " + className + " does not implement "
          + type.getName());
    }
    if (!Modifier.isPublic(c.getModifiers()) || c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
      throw new IllegalArgumentException("the " + role + " class " + className
          + " must be public (and static, if nested) so that executors can create it");
    }
    Constructor<?> ctor;
    try {
      ctor = c.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("the " + role + " class " + className
          + " needs a public no-argument constructor: executors create it by name", e);
    }
    try {
      return type.cast(ctor.newInstance());
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      throw new IllegalStateException("the " + role + " class " + className + "'s constructor threw "
          + t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }
  }

  /** The task's class loader (it sees the jars shipped with the job), else this class's. */
  private static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : ExecutorClasses.class.getClassLoader();
  }
}
