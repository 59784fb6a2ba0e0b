package dev.layerwise.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@link LeakNet} frees what a collected owner held, once, and an explicit close frees it at once and for
 * good. (That the warning is logged, and not for a closed owner, is checked on real TF models in a child JVM:
 * {@code TfLeakNetTest}.)
 */
class LeakNetTest {
  /** Stands for a native resource: counts how often it is freed. It must not reference its owner. */
  private static final class Resource implements AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private static LeakNet.Registration registerForgottenOwner(Resource resource) {
    return LeakNet.register(new Object(), "test owner", resource); // the owner is unreachable on return
  }

  @Test
  void aCollectedOwnersResourcesAreFreedOnce() throws InterruptedException {
    Resource resource = new Resource();
    LeakNet.Registration registration = registerForgottenOwner(resource);
    for (int i = 0; i < 200 && resource.closes.get() == 0; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(1, resource.closes.get(), "freed after the owner was collected");
    registration.close(); // a late explicit close finds nothing left to free
    assertEquals(1, resource.closes.get());
  }

  @Test
  void anExplicitCloseFreesAtOnceAndOnlyOnce() {
    Object owner = new Object();
    Resource resource = new Resource();
    LeakNet.Registration registration = LeakNet.register(owner, "test owner", resource);
    registration.close();
    registration.close();
    assertEquals(1, resource.closes.get());
  }

  @Test
  void theCreationSiteIsTheFirstFrameOutsideTheLibrary() {
    LeakNet.Registration registration = LeakNet.register(new Object(), "test owner", new Resource());
    assertTrue(registration.creationSite().startsWith(
        "dev.layerwise.spi.LeakNetTest.theCreationSiteIsTheFirstFrameOutsideTheLibrary(LeakNetTest.java:"),
        registration.creationSite());
    registration.close();
  }

  @Test
  void anOwnerCannotBeItsOwnResource() {
    Resource selfOwned = new Resource();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LeakNet.register(selfOwned, "test owner", selfOwned));
    assertTrue(e.getMessage().contains("must not be the owner itself"), e.getMessage());
  }
}
