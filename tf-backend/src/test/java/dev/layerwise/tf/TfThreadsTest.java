package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The thread setting a report prints is the one the system properties ask for, per pool. */
class TfThreadsTest {
  private static final List<String> KEYS = List.of(TfThreads.THREADS, TfThreads.INTRA_OP, TfThreads.INTER_OP);
  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void clear() {
    for (String k : KEYS) {
      saved.put(k, System.getProperty(k));
      System.clearProperty(k);
    }
  }

  @AfterEach
  void restore() {
    saved.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  @Test
  void bothPoolsFollowTheThreadsProperty() {
    System.setProperty(TfThreads.THREADS, "3");
    TfThreads t = TfThreads.configured();
    assertEquals(3, t.intraOp());
    assertEquals(3, t.interOp());
    assertEquals("-Dlayerwise.tf.threads=3", t.source());
  }

  @Test
  void aPerPoolPropertyWinsOverTheSharedOne() {
    System.setProperty(TfThreads.THREADS, "1");
    System.setProperty(TfThreads.INTER_OP, "2");
    TfThreads t = TfThreads.configured();
    assertEquals(1, t.intraOp());
    assertEquals(2, t.interOp());
    assertTrue(t.source().contains("interOpThreads=2"), t.source());
  }

  @Test
  void withoutPropertiesTheDefaultDependsOnTheCores() {
    int cores = Runtime.getRuntime().availableProcessors();
    TfThreads t = TfThreads.configured();
    assertEquals(cores <= 2 ? 1 : cores, t.intraOp());
    assertTrue(t.source().startsWith("default for " + cores), t.source());
  }

  @Test
  void aPoolWithoutThreadsIsRefused() {
    System.setProperty(TfThreads.THREADS, "0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TfThreads::configured);
    assertTrue(e.getMessage().contains("intra-op 0"), e.getMessage());
  }
}
