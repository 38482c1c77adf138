package dev.marquee.batch.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A check of a run's accepted events once the lake holds them and before the run commits (the job's
 * drift monitoring): an answer other than empty stops the run as bad data does (exit 2, nothing
 * committed), with that answer as the data report's verdict.
 */
@FunctionalInterface
public interface RunCheck {
    /** Lets every run through. */
    RunCheck NONE = (run, events, report, committed) -> "";

    /**
     * @param run the run's number
     * @param events the run's accepted events ({@code kind, user, movie, rating, minute, time, ...})
     * @param report the run's data report
     * @param committed the runs committed before this one, oldest first
     * @return empty to go on, else why the run stops
     */
    String check(int run, Dataset<Row> events, DataReport report, List<IngestCommit> committed);
}
