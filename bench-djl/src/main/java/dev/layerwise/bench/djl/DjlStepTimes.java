package dev.layerwise.bench.djl;

import dev.layerwise.bench.BenchModel;
import dev.layerwise.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Diagnostic: milliseconds per 25 DJL training steps and the process's resident memory, to tell a per-step slowdown
 * that grows with the steps taken (leak, denormals) from noise. Arguments: model, batch, samples, epochs.
 *
 * <pre>mvn -B -q -Pdjl -pl bench-djl exec:exec -Dbench.main=dev.layerwise.bench.djl.DjlStepTimes -Dbench.args="cnn 32 6000 3"</pre>
 */
public final class DjlStepTimes {
  private DjlStepTimes() {}

  public static void main(String[] args) {
    BenchModel model = BenchModel.valueOf(args[0].toUpperCase(Locale.ROOT));
    int batch = Integer.parseInt(args[1]);
    Dataset train = model.trainingSet(Integer.parseInt(args[2]));
    int epochs = Integer.parseInt(args[3]);
    try (DjlTrainer t = new DjlTrainer(model, train, batch, args.length > 4 && args[4].equals("easytrain"))) {
      long[] state = {0, System.nanoTime()};
      for (int e = 0; e < epochs; e++) {
        double loss = t.epoch(() -> {
          if (++state[0] % 25 == 0) {
            long now = System.nanoTime();
            System.out.printf(Locale.ROOT, "step %d: %.1f ms/step, RSS %s%n", state[0], (now - state[1]) / 25e6, rss());
            state[1] = now;
          }
        });
        System.out.printf(Locale.ROOT, "epoch %d loss %.4f%n", e, loss);
      }
    }
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
          .findFirst().orElse("?").replaceAll("\\\\s+", " ");
    } catch (IOException e) {
      return "?";
    }
  }
}
