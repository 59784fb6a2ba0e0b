/**
 * Hyperparameter search, the course's way: sample at random rather than on a grid, rates and strengths on a log
 * scale, zoom in coarse to fine, train many models in parallel (the caviar) or babysit one (the panda), rank on
 * validation data and touch the test set once. A study is durable: every event is an immutable file in its journal,
 * so a killed search resumes without rerunning a finished trial.
 *
 * <p>The pure logic: a {@link dev.layerwise.tuning.SearchSpace} of {@link dev.layerwise.tuning.Parameter}s draws
 * {@link dev.layerwise.tuning.Hyperparameters}; a {@link dev.layerwise.tuning.SearchStrategy} turns the
 * {@link dev.layerwise.tuning.CompletedTrial}s so far into the next {@link dev.layerwise.tuning.TrialSpec}s:
 * {@link dev.layerwise.tuning.GridSearch}, {@link dev.layerwise.tuning.RandomSearch},
 * {@link dev.layerwise.tuning.CoarseToFine} (by the rule of {@link dev.layerwise.tuning.Zoom}),
 * {@link dev.layerwise.tuning.SuccessiveHalving} and {@link dev.layerwise.tuning.Hyperband} (epochs as the budget),
 * all reproducible from their seed; and {@link dev.layerwise.tuning.Asha}, asynchronous, whose promotions depend on
 * the order in which workers finish.
 *
 * <p>The course's order of importance: the learning rate first; then momentum, the minibatch size and the hidden
 * units; then the number of layers and the learning-rate decay. Random search tries as many values of the one that
 * matters as there are trials — you do not know in advance which one it is.
 */
package dev.layerwise.tuning;
