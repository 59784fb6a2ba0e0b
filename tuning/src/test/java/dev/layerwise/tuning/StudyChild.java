package dev.layerwise.tuning;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A study in a JVM of its own, to be killed: {@code StudyChild DIR} runs {@link StudyKillNineTest#study}. */
public final class StudyChild {
  private StudyChild() {}

  public static void main(String[] args) {
    System.out.println("ready");
    StudyKillNineTest.study(Path.of(args[0])).run(StudyTest.factory(new AtomicInteger(), List.of()));
    System.out.println("finished");
  }
}
