package dev.layerwise.spi;

import static java.util.Objects.requireNonNull;

import java.lang.ref.Cleaner;
import java.security.CodeSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under every object that owns native memory and that a user can forget to close: a
 * {@link Cleaner} frees the native resources once the owner is unreachable, and logs one warning naming where the
 * owner was created. A net, not a substitute for {@code close()}: the garbage collector runs when the Java heap
 * fills, and native memory does not fill it (with JavaCPP's limit off, {@code
 * -Dorg.bytedeco.javacpp.maxPhysicalBytes=0}, nothing native triggers a collection at all), so forgotten owners hold
 * their memory until some unrelated collection finds them.
 *
 * <pre>{@code
 * this.resources = new TfModelResources(graph, session, ...);        // must not reference the owner
 * this.registration = LeakNet.register(this, "TF model 'mlp'", resources);
 * ...
 * public void close() { registration.close(); }                       // frees now; no warning later
 * }</pre>
 *
 * <p>The resources must not reference the owner, directly or through a lambda or inner class: the cleaning action
 * holds them strongly, so such a reference would keep the owner reachable forever and the net would never fire.
 * An owner whose methods run native code must also keep itself reachable for the duration of each call (see
 * {@link ModelLock}), or the collector may free its memory under a call that no longer reads a field.
 */
public final class LeakNet {
  /**
   * Named after the public package, not this class: the warning is for users, who configure their logging by names
   * they know and never see {@code dev.layerwise.spi}.
   */
  private static final Logger LOG = LoggerFactory.getLogger("dev.layerwise.LeakNet");
  /** One daemon thread for the whole library; cleaning actions are short (a few native frees). */
  private static final Cleaner CLEANER = Cleaner.create(r -> new Thread(r, "layerwise-leak-net"));
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private LeakNet() {}

  /** What frees an owner's resources, now ({@link #close}) or when the owner is collected. */
  public static final class Registration {
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    private Registration(Release release, Cleaner.Cleanable cleanable) {
      this.release = release;
      this.cleanable = cleanable;
    }

    /** Frees the resources now, the first time only, without a warning; exceptions from closing propagate. */
    public void close() {
      release.explicit = true;
      cleanable.clean();
    }

    /** Where the owner was created, as the warning names it, e.g. {@code com.example.App.main(App.java:42)}. */
    public String creationSite() {
      return release.site;
    }
  }

  /**
   * Registers {@code owner}, whose native memory is {@code resources}; call from the owner's constructor once the
   * resources exist.
   *
   * @param what how the warning names the owner, e.g. {@code TF model 'mlp'}
   */
  public static Registration register(Object owner, String what, AutoCloseable resources) {
    requireNonNull(owner, "owner");
    requireNonNull(resources, "resources");
    if (owner == resources) {
      throw new IllegalArgumentException("LeakNet: the resources must not be the owner itself, or it is never"
          + " collected");
    }
    Release release = new Release(requireNonNull(what, "what"), creationSite(owner.getClass()), resources);
    return new Registration(release, CLEANER.register(owner, release));
  }

  /**
   * The first frame of the calling stack outside the library: outside the code sources of the api and of the
   * owner's module, or outside {@code dev.layerwise} when everything shares one (a fat jar).
   */
  private static String creationSite(Class<?> ownerClass) {
    CodeSource api = codeSource(LeakNet.class);
    CodeSource backend = codeSource(ownerClass);
    return WALKER.walk(frames -> frames
        .filter(f -> {
          Class<?> c = f.getDeclaringClass();
          boolean library = c.getName().startsWith("dev.layerwise.");
          CodeSource source = codeSource(c);
          return !library || !(Objects.equals(source, api) || Objects.equals(source, backend));
        })
        .findFirst()
        .map(f -> f.toStackTraceElement().toString())
        .orElse("an unknown place (no caller outside Layerwise on the stack)"));
  }

  private static CodeSource codeSource(Class<?> c) {
    return c.getProtectionDomain().getCodeSource();
  }

  /** The cleaning action. It holds the resources and two strings, never the owner. */
  private static final class Release implements Runnable {
    private final String what;
    private final String site;
    private final AutoCloseable resources;
    private volatile boolean explicit;

    Release(String what, String site, AutoCloseable resources) {
      this.what = what;
      this.site = site;
      this.resources = resources;
    }

    @Override
    public void run() {
      if (explicit) {
        closeNow();
        return;
      }
      LOG.warn("{} created at {} was never closed; its native memory is freed now that the garbage collector found"
          + " it unreachable. Close it when done (try-with-resources): the collector runs when the Java heap fills,"
          + " not when native memory does", what, site);
      try {
        resources.close();
      } catch (Exception e) {
        LOG.warn("freeing the native memory of {} (created at {}) failed", what, site, e);
      }
    }

    private void closeNow() {
      try {
        resources.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing " + what + " failed: " + e.getMessage(), e);
      }
    }
  }
}
