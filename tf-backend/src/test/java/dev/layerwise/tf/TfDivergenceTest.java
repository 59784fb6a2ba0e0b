package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.DivergenceContractTest;

/** The api's divergence contract, run against the TF backend. */
class TfDivergenceTest extends DivergenceContractTest {
  @Override
  protected Backend backend() {
    return Backend.named("tensorflow");
  }
}
