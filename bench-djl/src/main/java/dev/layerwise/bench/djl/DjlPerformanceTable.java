package dev.layerwise.bench.djl;

import dev.layerwise.bench.Contender;
import dev.layerwise.bench.PerformanceTable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PerformanceTable} with DJL + PyTorch contenders added to the same interleaved run: TF Java's natives and
 * PyTorch's load side by side in one JVM. Same options as {@code PerformanceTable}, plus {@code --djl
 * manual|easytrain|both} (the loop, see {@link DjlTrainer}; default manual). PyTorch's threads are DJL's system
 * properties {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} (the pom sets both
 * from {@code -Ddjl.threads}, default 1).
 *
 * <pre>
 * mvn -B -q -Pdjl -pl bench-djl -am install -DskipTests
 * mvn -B -q -Pdjl -pl bench-djl exec:exec -Dbench.args="--model mlp --rounds 3"
 * mvn -B -q -Pdjl -pl bench-djl exec:exec -Ddjl.threads=2 -Dbench.args="--model cnn --rounds 3 --samples 6000"
 * </pre>
 */
public final class DjlPerformanceTable {
  private DjlPerformanceTable() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>();
    String loops = "manual";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--djl") && i + 1 < args.length) {
        loops = args[++i];
      } else {
        rest.add(args[i]);
      }
    }
    List<String> kinds = loops.equals("both") ? List.of("manual", "easytrain") : List.of(loops);
    PerformanceTable.Settings s = PerformanceTable.Settings.parse(rest.toArray(String[]::new));
    String threads = System.getProperty("ai.djl.pytorch.num_threads", "PyTorch's default");
    PerformanceTable.run(s, List.of(PerformanceTable::tfContenders, (settings, train, batch) -> {
      List<Contender> c = new ArrayList<>();
      for (String kind : kinds) {
        DjlTrainer t = new DjlTrainer(settings.model(), train, batch, kind.equals("easytrain"));
        c.add(PerformanceTable.contender("DJL 0.36 + PyTorch 2.7.1, " + (kind.equals("easytrain")
            ? "EasyTrain.trainBatch" : "GradientCollector loop") + ", " + threads + " thread(s)", false,
            e -> t.epoch(), t::close));
      }
      return c;
    }));
  }
}
