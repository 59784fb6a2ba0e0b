package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.BackendContractTest;

class TfBackendContractTest extends BackendContractTest {
  @Override
  protected Backend backend() {
    return Backend.named("tensorflow");
  }
}
