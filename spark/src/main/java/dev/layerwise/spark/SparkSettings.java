package dev.layerwise.spark;

import org.apache.spark.SparkConf;

/**
 * The Spark settings a study needs, in one place: what {@link #recommended} adds to a {@link SparkConf}, and what a
 * study refuses to run without.
 *
 * <ul>
 *   <li>{@code spark.speculation=false}: a speculative copy of a trial would train it twice at once (the journal
 *       would still count it once, but the cores are wasted and two archives race); a study refuses speculation;
 *   <li>{@code spark.scheduler.mode=FAIR}: the trials' jobs share the cluster with whatever else the application
 *       runs, in their own pool ({@value SparkTrialLauncher#POOL}), declared in an allocation file written for the
 *       purpose unless {@code spark.scheduler.allocation.file} names one of the user's;
 *   <li>{@code spark.executor.extraJavaOptions} gets {@value #EXECUTOR_JAVA_OPTIONS}: TF Java's graph building
 *       recurses deeply (4 MiB stacks), and JavaCPP must not count TF's native allocations against the JVM heap's
 *       size (they are bounded by the executor's memory overhead instead; see docs/spark.md);
 *   <li>{@code spark.task.cpus}: each trial's thread budget (read, not set).
 * </ul>
 */
public final class SparkSettings {
  /** Added to the executors' JVM options. */
  public static final String EXECUTOR_JAVA_OPTIONS = "-Xss4m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

  private SparkSettings() {}

  /** {@code conf} with the settings above added where the user set nothing else; returns {@code conf}. */
  public static SparkConf recommended(SparkConf conf) {
    conf.setIfMissing("spark.speculation", "false");
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    if (!conf.contains("spark.scheduler.allocation.file")) {
      conf.set("spark.scheduler.allocation.file", poolFile().toString());
    }
    String options = conf.get("spark.executor.extraJavaOptions", "");
    if (!options.contains("-Xss")) {
      options = (options + " -Xss4m").strip();
    }
    if (!options.contains("org.bytedeco.javacpp.maxPhysicalBytes")) {
      options = (options + " -Dorg.bytedeco.javacpp.maxPhysicalBytes=0").strip();
    }
    conf.set("spark.executor.extraJavaOptions", options);
    return conf;
  }

  /**
   * A {@code local[cores]} session for tests and a single machine: the UI off, the driver bound to 127.0.0.1 (no
   * port opened to the network), one attempt per task, plus {@link #recommended}.
   */
  public static SparkConf local(int cores, String appName) {
    SparkConf conf = new SparkConf().setMaster("local[" + cores + "]").setAppName(appName)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1");
    return recommended(conf);
  }

  /** A FAIR-scheduler allocation file declaring the trials' pool (read by the driver when its context starts). */
  private static java.nio.file.Path poolFile() {
    try {
      java.nio.file.Path f = java.nio.file.Files.createTempFile("layerwise-pools-", ".xml");
      f.toFile().deleteOnExit();
      java.nio.file.Files.writeString(f, "<?xml version=\"1.0\"?>\n<allocations>\n  <pool name=\""
          + SparkTrialLauncher.POOL + "\">\n    <schedulingMode>FAIR</schedulingMode>\n    <weight>1</weight>\n"
          + "    <minShare>0</minShare>\n  </pool>\n</allocations>\n");
      return f;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the FAIR scheduler's pool file in the temporary folder: "
          + e.getMessage(), e);
    }
  }

  /** Each trial's thread budget: {@code spark.task.cpus} (default 1). */
  static int taskCpus(SparkConf conf) {
    String v = conf.get("spark.task.cpus", "1");
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("spark.task.cpus: expected a positive integer (each trial's thread budget),"
          + " given '" + v + "'");
    }
  }

  /** Refuses settings under which a study would misbehave. */
  static void checkForStudy(SparkConf conf) {
    if (conf.getBoolean("spark.speculation", false)) {
      throw new IllegalArgumentException("spark.speculation is true: a speculative copy would train a trial twice at"
          + " once. Set spark.speculation=false for the application that runs the study");
    }
    taskCpus(conf);
  }
}
