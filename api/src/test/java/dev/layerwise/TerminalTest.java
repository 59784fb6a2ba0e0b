package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void withoutAConsoleThereIsNoLiveBar() {
    assertFalse(Terminal.isInteractive(null, Map.of()));
  }

  @Test
  void coloursNeedATermThatIsNotDumbAndNoNoColor() {
    assertTrue(Terminal.colours(Map.of("TERM", "xterm-256color")));
    assertFalse(Terminal.colours(Map.of()), "no TERM (a Windows console, a service)");
    assertFalse(Terminal.colours(Map.of("TERM", "dumb")));
    assertFalse(Terminal.colours(Map.of("TERM", "xterm", "NO_COLOR", "1")), "no-color.org");
    assertTrue(Terminal.colours(Map.of("TERM", "xterm", "NO_COLOR", "")), "an empty NO_COLOR does not count");
  }
}
