package dev.marquee.serving;

import dev.marquee.store.StoreLayout;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service wired from its configuration: version manager, metrics, telemetry, HTTP app.
 * Whatever else must hear of each version swap (in a Kubernetes pod, the reporter of the open
 * version, wired by the serve app) attaches as a {@link VersionListener} at {@link #start}.
 * {@link #shutdown} is the ordered stop that SIGTERM triggers: readiness off, grace, stop
 * accepting and drain in-flight requests, close the store, then telemetry.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final ServingConfig config;
    private final VersionManager versions;
    private final ServingMetrics metrics;
    private final Telemetry telemetry;
    private final RecommendApp recommendApp;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Javalin app;

    private Service(ServingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.versions = new VersionManager(new StoreLayout(config.storeRoot()), config.pollInterval());
        this.metrics = new ServingMetrics(versions);
        this.telemetry = Telemetry.create(config.telemetry(), metrics);
        this.recommendApp = new RecommendApp(versions, metrics, telemetry, config.ab());
    }

    /**
     * Opens the current version (if any), then starts the HTTP server. Logs the time from JVM
     * start to ready (a version open and the port bound), or to the first version if none yet.
     */
    public static Service start(ServingConfig config) {
        return start(config, List.of());
    }

    /** As {@link #start(ServingConfig)}, with {@code listeners} told of every version change from the first one. */
    public static Service start(ServingConfig config, List<VersionListener> listeners) {
        Service s = new Service(config);
        try {
            s.versions.addListener(new VersionListener() {
                private final AtomicBoolean first = new AtomicBoolean(true);

                @Override
                public void onSwap(String versionId) {
                    if (first.getAndSet(false) && s.app != null) {
                        LOG.info("ready: first store version {} open {} ms after JVM start", versionId, uptimeMillis());
                    }
                }
            });
            listeners.forEach(s.versions::addListener);
            s.versions.start();
            s.app = s.recommendApp.create(config.stopTimeout()).start(config.host(), config.port());
            s.telemetry.server(advertisedHost(config.host()) + ":" + s.app.port());
            LOG.info("serving on {}:{}, store version {}; start-up to ready {} ms after JVM start", config.host(),
                    s.app.port(), s.versions.openVersion().orElse("none yet (not ready)"), uptimeMillis());
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    public ServingMetrics metrics() {
        return metrics;
    }

    public VersionManager versions() {
        return versions;
    }

    /**
     * Graceful stop, in order: /readyz answers 503 "draining"; wait the drain grace (the load
     * balancer stops sending); stop accepting and let in-flight requests finish (up to the stop
     * timeout); close the store; flush and close telemetry. Idempotent.
     */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down: readiness off, {} ms grace before the server stops accepting",
                config.drainGrace().toMillis());
        recommendApp.startDraining();
        try {
            Thread.sleep(config.drainGrace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAll();
        LOG.info("stopped");
    }

    /** Stops everything at once, without the drain grace. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            closeAll();
        }
    }

    private void closeAll() {
        if (app != null) {
            app.stop();
        }
        versions.close();
        telemetry.close();
        metrics.close();
    }

    private static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The host written into telemetry lines: the bind address unless it is a wildcard, else the host name. */
    static String advertisedHost(String bindHost) {
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
