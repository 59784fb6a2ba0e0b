/**
 * A study's durable journal: one immutable file per event, never appended to and never overwritten, because an
 * object store (S3A) cannot append and a file that appears only by a rename is never seen half written. A killed
 * search therefore leaves a journal whose every file is whole; replaying it gives each trial's parameters, curve,
 * interventions and outcome, and a resumed search reruns only the trials that were still running.
 *
 * <p>The types here know nothing of search spaces: a trial's parameters are a {@code Map<String, Object>} of JSON
 * values, and the space is represented by its fingerprint only.
 */
package dev.layerwise.tuning.journal;
