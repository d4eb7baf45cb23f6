package dev.witness.deploy.role;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus registry of one role process: JVM meters, the Kafka client meters bound to it,
 * and every Witness meter, which code registers on Micrometer's global registry (this registry
 * joins it, so constructors need no registry parameter).
 */
public final class ProcessMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  // Gauges and function counters reference their object weakly: the binders are kept here.
  private final List<MeterBinder> binders = new ArrayList<>();

  public ProcessMetrics(String role) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("role", role)));
    bind(new ClassLoaderMetrics());
    bind(new JvmMemoryMetrics());
    bind(new JvmGcMetrics());
    bind(new JvmThreadMetrics());
    bind(new ProcessorMetrics());
    bind(new UptimeMetrics());
    // Counts made on the global registry before this joins it are not carried over: role
    // commands create this first.
    Metrics.globalRegistry.add(registry);
  }

  /** Binds {@code binder} (e.g. Kafka client metrics) to this registry; closed with it. */
  public void bind(MeterBinder binder) {
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    Metrics.globalRegistry.remove(registry);
    for (MeterBinder binder : binders) {
      if (binder instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // A binder that cannot unregister leaves only stale gauges in a registry being closed.
        }
      }
    }
    registry.close();
  }
}
