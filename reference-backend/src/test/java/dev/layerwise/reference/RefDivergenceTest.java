package dev.layerwise.reference;

import dev.layerwise.Backend;
import dev.layerwise.DivergenceContractTest;

/** The api's divergence contract, run against the reference backend. */
class RefDivergenceTest extends DivergenceContractTest {
  @Override
  protected Backend backend() {
    return new RefBackend();
  }
}
