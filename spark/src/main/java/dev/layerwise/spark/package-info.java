/**
 * A hyperparameter study of the tuning module on Apache Spark: {@link dev.layerwise.spark.SparkStudy} runs the
 * strategy and writes the journal on the driver; each trial is a Spark job of one task whose executor loads the
 * data once per JVM ({@link dev.layerwise.spark.DataLocation}), builds the model with a factory named by class,
 * trains, and writes the archive; the journal and archives live on any Hadoop path. Spark is {@code provided}: the
 * cluster's.
 *
 * <p>Thread safety: a {@code SparkStudy} runs one study at a time from the thread that calls {@code run}; the
 * executor-side classes hold no state but the per-JVM data cache, which is safe for concurrent tasks.
 */
package dev.layerwise.spark;
