/**
 * Hyperparameter search, the course's way: sample at random rather than on a grid, rates and strengths on a log
 * scale, zoom in coarse to fine, train many models in parallel (the caviar) or babysit one (the panda), rank on
 * validation data and touch the test set once. A study is durable: every event is an immutable file in its journal,
 * so a killed search resumes without rerunning a finished trial.
 */
package dev.layerwise.tuning;
