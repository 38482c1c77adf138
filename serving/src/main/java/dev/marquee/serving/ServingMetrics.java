package dev.marquee.serving;

import dev.marquee.store.StoreReader;
import dev.marquee.store.StoreWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The service's meters in one Prometheus registry, scraped at {@code /metrics}. Every per-request
 * meter is registered up front, so recording costs a few atomic adds and no allocation. Store
 * figures are gauges read from the open version at scrape time. Names (Prometheus form) are
 * listed in docs/metrics.md.
 */
public final class ServingMetrics implements VersionListener, AutoCloseable {

    /** Content type of the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer latency;
    private final Counter ok;
    private final Counter badRequest;
    private final Counter unavailable;
    private final Counter internalError;
    private final Map<Integer, Counter> otherStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> armAnswers = new ConcurrentHashMap<>();
    private final VersionManager versions;
    private final Counter coldStart;
    private final Counter swaps;
    private final Counter refused;
    private final Counter telemetrySent;
    private final Counter telemetryDropped;

    public ServingMetrics(VersionManager versions) {
        latency = Timer.builder("marquee.request.duration")
                .description("time to answer GET /recommend/{userId}, from handler entry to body written")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10))
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        ok = statusCounter(200);
        badRequest = statusCounter(400);
        unavailable = statusCounter(503);
        internalError = statusCounter(500);
        coldStart = Counter.builder("marquee.cold.start.answers")
                .description("answers that were the cold-start list (unknown user)").register(registry);
        swaps = Counter.builder("marquee.store.swaps")
                .description("store versions swapped in (the first one included)").register(registry);
        refused = Counter.builder("marquee.store.refused")
                .description("store versions named by CURRENT but refused (incomplete, checksum, cannot open)")
                .register(registry);
        telemetrySent = Counter.builder("marquee.telemetry.sent")
                .description("recommendation-request lines handed to the Kafka producer and acknowledged")
                .register(registry);
        telemetryDropped = Counter.builder("marquee.telemetry.dropped")
                .description("recommendation-request lines dropped: queue full or Kafka failed").register(registry);
        storeGauge(versions, "marquee.store.version", null,
                "number of the open store version (v000042 -> 42); NaN before any", r -> versionNumber(r.versionId()));
        storeGauge(versions, "marquee.store.created.timestamp", "seconds",
                "when the open version was published (its manifest's createdAt), Unix seconds; alerts say a store is "
                        + "stale from it", r -> createdSeconds(r.manifest().createdAt()));
        storeGauge(versions, "marquee.store.size", "bytes", "bytes on disk of the open version's database files",
                StoreReader::sizeOnDisk);
        storeGauge(versions, "marquee.store.users", null, "users in the open version (its manifest)",
                r -> r.manifest().userCount());
        storeGauge(versions, "marquee.rocksdb.estimate.num.keys", null, "RocksDB rocksdb.estimate-num-keys",
                r -> r.longProperty("rocksdb.estimate-num-keys"));
        storeGauge(versions, "marquee.rocksdb.block.cache.usage", "bytes",
                "RocksDB rocksdb.block-cache-usage (0 for store format 3: PlainTable through mmap, no block cache)",
                StoreReader::blockCacheUsage);
        storeGauge(versions, "marquee.rocksdb.estimate.table.readers.mem", "bytes",
                "RocksDB rocksdb.estimate-table-readers-mem", r -> r.longProperty("rocksdb.estimate-table-readers-mem"));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        armCounter(StoreWriter.MAIN_ARM);
        this.versions = versions;
        versions.addListener(this);
    }

    /** Records one answer of {@code /recommend}: its status and how long it took. */
    public void record(int status, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        countStatus(status);
    }

    /** Counts one answer of {@code /recommend} by status, without timing it (e.g. a failure). */
    public void countStatus(int status) {
        switch (status) {
            case 200 -> ok.increment();
            case 400 -> badRequest.increment();
            case 503 -> unavailable.increment();
            case 500 -> internalError.increment();
            default -> otherStatus.computeIfAbsent(status, this::statusCounter).increment();
        }
    }

    /** Counts an answer of an A/B arm ({@code marquee_ab_answers_total{arm}}). */
    public void armAnswer(String arm) {
        armCounter(arm).increment();
    }

    /**
     * The counter of {@code arm}, registered on first use. The main arm's is registered at start and each
     * version's arms when it is swapped in, so that each series exists at 0 before its first answer:
     * Prometheus' rate() then counts that answer too (a series born at 1 loses it).
     */
    private Counter armCounter(String arm) {
        return armAnswers.computeIfAbsent(arm, a -> Counter.builder("marquee.ab.answers").tag("arm", a)
                .description("answers per A/B arm (main: the version's own lists)").register(registry));
    }

    /** Counts an answer from the cold-start list. */
    public void coldStartAnswer() {
        coldStart.increment();
    }

    Counter telemetrySent() {
        return telemetrySent;
    }

    Counter telemetryDropped() {
        return telemetryDropped;
    }

    /** The registry, e.g. to register more meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void onSwap(String versionId) {
        swaps.increment();
        try (Lease lease = versions.acquire()) { // called once the new version is the current one
            if (lease != null) {
                lease.reader().manifest().arms().keySet().forEach(this::armCounter);
            }
        }
    }

    @Override
    public void onRefused(String versionId, String reason) {
        refused.increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** The digits of a version id as a number ({@code v000042} -> 42), NaN if it has none. */
    static double versionNumber(String versionId) {
        long n = 0;
        boolean any = false;
        for (int i = 0; i < versionId.length(); i++) {
            char c = versionId.charAt(i);
            if (c >= '0' && c <= '9' && n < Long.MAX_VALUE / 10 - 10) {
                n = n * 10 + (c - '0');
                any = true;
            }
        }
        return any ? n : Double.NaN;
    }

    /** An ISO-8601 instant as Unix seconds (with its fraction), NaN if it does not parse. */
    static double createdSeconds(String createdAt) {
        try {
            Instant t = Instant.parse(createdAt);
            return t.getEpochSecond() + t.getNano() / 1e9;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private Counter statusCounter(int status) {
        return Counter.builder("marquee.requests").tag("status", Integer.toString(status))
                .description("answers of GET /recommend/{userId} by HTTP status").register(registry);
    }

    private void storeGauge(VersionManager versions, String name, String unit, String help,
            ToDoubleFunction<StoreReader> read) {
        Gauge.builder(name, versions, v -> {
            try (Lease lease = v.acquire()) {
                return lease == null ? Double.NaN : read.applyAsDouble(lease.reader());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).baseUnit(unit).description(help).strongReference(true).register(registry);
    }
}
