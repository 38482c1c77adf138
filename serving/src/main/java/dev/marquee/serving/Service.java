package dev.marquee.serving;

import dev.marquee.serving.fresh.FreshAnswers;
import dev.marquee.serving.fresh.FreshSets;
import dev.marquee.serving.fresh.LogFollower;
import dev.marquee.serving.fresh.VersionCut;
import dev.marquee.store.StoreLayout;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service wired from its configuration: version manager, metrics, telemetry, fresh
 * answers (the log follower, told each open version's cut), HTTP app.
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
    private final LogFollower follower;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Javalin app;

    private Service(ServingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.versions = new VersionManager(new StoreLayout(config.storeRoot()), config.pollInterval());
        this.metrics = new ServingMetrics(versions);
        this.telemetry = Telemetry.create(config.telemetry(), metrics);
        ZoneId zone = config.telemetry().platformZone();
        FreshSets sets = config.fresh().enabled()
                ? new FreshSets(config.fresh().maxUsers(), config.fresh().maxMoviesPerUser()) : null;
        this.follower = sets == null ? null : new LogFollower(config.fresh(), zone, sets, Clock.systemUTC());
        this.recommendApp = new RecommendApp(versions, metrics, telemetry, config.ab(),
                sets == null ? FreshAnswers.OFF : new FreshAnswers(sets, zone, metrics.registry()));
    }

    /**
     * Opens the current version (if any), waits at most {@code fresh.rebuild-wait} for the fresh
     * sets to be rebuilt from the log, then starts the HTTP server. Logs the time from JVM
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
            s.followTheLog();
            s.versions.start();
            s.awaitFreshSets();
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

    /** Tells the log follower each open version's cut, and starts it (fresh answers, ADR 11). */
    private void followTheLog() {
        if (follower == null) {
            return;
        }
        ZoneId zone = config.telemetry().platformZone();
        versions.addListener(new VersionListener() {
            @Override
            public void onSwap(String versionId) {
                try (Lease lease = versions.acquire()) {
                    if (lease != null) {
                        follower.cut(VersionCut.of(lease.reader().manifest(), zone));
                    }
                }
            }
        });
        follower.start();
    }

    /** Waits at most rebuild-wait for the fresh sets to be rebuilt from the topic: readiness is not held up for long. */
    private void awaitFreshSets() {
        if (follower == null || versions.openVersion().isEmpty()) {
            return;
        }
        try {
            if (!follower.awaitRebuilt(config.fresh().rebuildWait())) {
                LOG.warn("fresh answers: the sets are not rebuilt from {} after {} ms; serving meanwhile",
                        config.fresh().topic(), config.fresh().rebuildWait().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (follower != null) {
            follower.close();
        }
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
