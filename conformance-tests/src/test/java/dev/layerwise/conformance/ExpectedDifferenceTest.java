package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry turns a registered failure into XFAIL and a registered success into a failing XPASS. */
class ExpectedDifferenceTest {
  private static CheckRow row(String caseName, String tensor, Status status) {
    return new CheckRow(caseName, Mode.X32, tensor, "[2]", "tf32 vs ref64", 1, 1, 0, 0, "x32", status == Status.PASS
        ? 0.5 : 2, new int[] {0}, 1, 2, status, "");
  }

  private static final List<ExpectedDifference> REGISTRY =
      List.of(new ExpectedDifference("case_a", Mode.X32, "loss", "float32 cannot represent 1 − 1e-7"));

  @Test
  void aRegisteredFailureIsAnExpectedFailureWithItsReason() {
    CheckRow r = ExpectedDifference.apply(REGISTRY, row("case_a", "loss", Status.FAIL));
    assertEquals(Status.XFAIL, r.status());
    assertTrue(r.passed());
    assertEquals("float32 cannot represent 1 − 1e-7", r.note());
  }

  @Test
  void aRegisteredDifferenceThatAgreesIsReportedAndFails() {
    CheckRow r = ExpectedDifference.apply(REGISTRY, row("case_a", "loss", Status.PASS));
    assertEquals(Status.XPASS, r.status());
    assertFalse(r.passed());
    assertTrue(r.note().contains("remove the entry"), r.note());
  }

  @Test
  void unregisteredRowsAreUntouched() {
    CheckRow fail = row("case_a", "dpred", Status.FAIL);
    assertEquals(Status.FAIL, ExpectedDifference.apply(REGISTRY, fail).status());
    CheckRow other = row("case_b", "loss", Status.FAIL);
    assertEquals(Status.FAIL, ExpectedDifference.apply(REGISTRY, other).status());
  }

  @Test
  void everyRegistryEntryNamesAnExistingCaseAndGivesAReason() {
    var names = ConformanceSuite.cases().stream().map(ConformanceCase::name).toList();
    for (ExpectedDifference e : ExpectedDifference.REGISTRY) {
      assertTrue(names.contains(e.caseName()), "registry names unknown case " + e.caseName());
      assertFalse(e.reason().isBlank(), "registry entry without a reason: " + e);
    }
  }
}
