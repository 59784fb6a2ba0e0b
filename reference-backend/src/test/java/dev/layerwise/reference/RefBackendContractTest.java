package dev.layerwise.reference;

import dev.layerwise.Backend;
import dev.layerwise.BackendContractTest;

/** The api's backend contract, run against the reference backend. */
class RefBackendContractTest extends BackendContractTest {
  @Override
  protected Backend backend() {
    return new RefBackend();
  }
}
