package dev.marquee.batch.drift;

import dev.marquee.batch.config.DriftSettings;
import dev.marquee.batch.ingest.DataReport;
import dev.marquee.batch.ingest.IngestCommit;
import dev.marquee.batch.ingest.RunCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly drift check, run by ingestion before its commit: summarise the run's events, keep the
 * summary in the lake, compare it with the reference, write {@code _reports/run-N-drift.json}, log
 * the figures, and stop the run when a figure reaches its stop level.
 */
public final class DriftMonitor implements RunCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);
    private final DriftSettings settings;
    private final Path lakeRoot;
    private DriftReport last;

    public DriftMonitor(DriftSettings settings, Path lakeRoot) {
        this.settings = settings;
        this.lakeRoot = lakeRoot;
    }

    /** The last run's drift, if it was measured. */
    public Optional<DriftReport> report() {
        return Optional.ofNullable(last);
    }

    /** Where a run's drift report is written. */
    public static Path reportFile(Path lakeRoot, int run) {
        return lakeRoot.resolve("_reports").resolve(String.format("run-%06d-drift.json", run));
    }

    @Override
    public String check(int run, Dataset<Row> events, DataReport report, List<IngestCommit> committed) {
        if (!settings.enabled()) {
            return "";
        }
        RunSummary summary = Summarizer.of(run, events, report.records() - report.rejected(),
                report.rejectedByReason(), settings.sampleSize());
        DriftSummaries summaries = new DriftSummaries(lakeRoot);
        summaries.write(summary);
        List<RunSummary> reference = summaries.reference(committed.stream().map(IngestCommit::run).toList(),
                settings.backfillRuns(), settings.referenceRuns());
        last = new DriftCheck(settings).compare(summary, reference);
        write(last);
        LOG.info("{}", last.format());
        last.list().stream().filter(f -> f.level() == Figure.Level.WARN).forEach(f -> LOG.warn(
                "run {}: {} drifted: {} reached its warn level {} (marquee.batch.drift.{}.warn)", run, f.name(),
                f.describe(), settings.levels(f.name()).warn(), f.name()));
        return last.stopReason();
    }

    private void write(DriftReport drift) {
        Path file = reportFile(lakeRoot, drift.run());
        try {
            Files.createDirectories(file.getParent());
            DriftSummaries.JSON.writeValue(file.toFile(), drift);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drift report " + file, e);
        }
    }
}
