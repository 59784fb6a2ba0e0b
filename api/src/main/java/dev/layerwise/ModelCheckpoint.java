package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model during {@code fit} (Keras's {@code ModelCheckpoint}), each save atomic (see
 * {@code ModelArchive}):
 *
 * <ul>
 *   <li>every epoch: {@code <dir>/epoch-0001.layerwise}, {@code epoch-0002…}, keeping the last K ({@link #keepLast})
 *   <li>best only: {@code <dir>/best.layerwise}, replaced whenever the monitored value improves
 * </ul>
 *
 * <pre>{@code
 * m.fit(train, FitOptions.builder().epochs(20).validationData(val)
 *     .callbacks(Progress.to(System.out), ModelCheckpoint.bestOnly(m, dir, "val_loss")).build());
 * }</pre>
 */
public final class ModelCheckpoint implements FitCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);

  /** Whether a larger or a smaller monitored value is better. */
  public enum Direction {
    MIN,
    MAX
  }

  private final CompiledModel model;
  private final Path dir;
  private final String monitor;
  private final Direction direction;
  private final int keep;
  private final Deque<Path> saved = new ArrayDeque<>();
  private double best = Double.NaN;

  private ModelCheckpoint(CompiledModel model, Path dir, String monitor, Direction direction, int keep) {
    this.model = requireNonNull(model, "ModelCheckpoint: model");
    this.dir = requireNonNull(dir, "ModelCheckpoint: dir");
    this.monitor = monitor;
    this.direction = direction;
    this.keep = keep;
  }

  /** A file after every epoch, all kept. */
  public static ModelCheckpoint everyEpoch(CompiledModel model, Path dir) {
    return new ModelCheckpoint(model, dir, null, null, Integer.MAX_VALUE);
  }

  /**
   * One file, {@code best.layerwise}, written when {@code monitor} improves; "accuracy"-like keys are maximised,
   * everything else ("loss", "val_loss") minimised.
   */
  public static ModelCheckpoint bestOnly(CompiledModel model, Path dir, String monitor) {
    requireNonNull(monitor, "ModelCheckpoint: monitor");
    return new ModelCheckpoint(model, dir, monitor, monitor.contains("acc") ? Direction.MAX : Direction.MIN, 1);
  }

  public ModelCheckpoint withDirection(Direction direction) {
    checkArgument(monitor != null, "ModelCheckpoint: a direction only applies to bestOnly");
    return new ModelCheckpoint(model, dir, monitor, requireNonNull(direction, "direction"), keep);
  }

  /** Keeps only the newest {@code k} epoch files, deleting older ones. */
  public ModelCheckpoint keepLast(int k) {
    checkArgument(k > 0, "ModelCheckpoint: keepLast must be positive, got %s", k);
    checkArgument(monitor == null, "ModelCheckpoint: keepLast applies to everyEpoch checkpoints");
    return new ModelCheckpoint(model, dir, null, null, k);
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    if (monitor == null) {
      Path file = dir.resolve(String.format(Locale.ROOT, "epoch-%04d.layerwise", model.trainingState().epochs()));
      model.save(file);
      saved.addLast(file);
      while (saved.size() > keep) {
        delete(saved.removeFirst());
      }
      return;
    }
    Double v = logs.values().get(monitor);
    checkArgument(v != null, "ModelCheckpoint: no '%s' in the epoch's logs %s (add validation data for val_ keys)",
        monitor, logs.values().keySet());
    boolean better = Double.isNaN(best) || (direction == Direction.MIN ? v < best : v > best);
    if (better) {
      best = v;
      model.save(dir.resolve("best.layerwise"));
      LOG.info("epoch {}: {} improved to {}, saved {}", logs.epoch(), monitor, v, dir.resolve("best.layerwise"));
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old checkpoint " + file, e);
    }
  }
}
