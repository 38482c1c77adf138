package dev.marquee.batch.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the lake's snapshot: the events of every committed run, and nothing else. */
public final class LakeReader {
    private LakeReader() {}

    /**
     * The events of runs 1..last committed (but those the retention rule retired), with columns {@code kind, user, movie, rating, minute,
     * time, partition, offset} and the partition columns {@code run, date}.
     */
    public static Dataset<Row> events(SparkSession spark, LakeLayout lake, List<IngestCommit> all) {
        List<IngestCommit> commits = LakeRetention.readable(lake, all);
        if (commits.isEmpty()) {
            throw new IllegalStateException("the lake at " + lake.root() + " holds no committed run: nothing to train on");
        }
        String[] paths = commits.stream().map(IngestCommit::eventsPath).toArray(String[]::new);
        return spark.read().option("basePath", lake.events().toString()).parquet(paths);
    }
}
