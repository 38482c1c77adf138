package dev.marquee.batch.ingest;

/** A run's data broke a run-level expectation; the run stops before training and commits nothing. */
public final class DataQualityException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DataReport report;

    public DataQualityException(DataReport report) {
        super("run " + report.run() + " stopped before training: " + report.verdict());
        this.report = report;
    }

    public DataReport report() {
        return report;
    }
}
