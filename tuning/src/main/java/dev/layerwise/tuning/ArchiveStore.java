package dev.layerwise.tuning;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import java.io.IOException;

/**
 * Where a study keeps its trials' models: one {@code .layerwise} archive per finished trial, read back when a
 * promoted trial (successive halving, Hyperband, ASHA) continues it. An archive appears whole or not at all: a
 * store writes it under a temporary name and renames it, so a crash never leaves half an archive under a trial's
 * name. The local store keeps them in a folder; the Spark module's on any Hadoop path.
 */
public interface ArchiveStore {
  /**
   * Saves {@code model} as trial {@code trialId}'s archive, replacing an earlier attempt's (a rerun after a crash).
   *
   * @return where it is (a path or a URI), as the journal records it
   */
  String save(CompiledModel model, String trialId) throws IOException;

  /** Loads trial {@code trialId}'s archive on {@code backend}: weights, optimizer slots and step count. */
  CompiledModel load(String trialId, Backend backend) throws IOException;
}
