package dev.marquee.batch.publish;

import dev.marquee.batch.progress.Steps;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the lists, sorted by user, from the executors to the driver one partition at a time
 * and bulk-writes them as SST files into a new store version. The driver holds one partition at
 * a time, never the whole table.
 */
public final class StoreExport {
    private static final Logger LOG = LoggerFactory.getLogger(StoreExport.class);
    /** How often the export tells its steps how many users it wrote. */
    public static final int STEP_USERS = 1000;
    private static final String WRITING = "writing users' lists to the store";

    private StoreExport() {}

    /** {@link #write(StoreLayout, String, Dataset, ColdStart, Map, Map)} with no further files. */
    public static Manifest write(StoreLayout layout, String versionId, Dataset<Row> lists, ColdStart coldStart,
            Map<String, Object> lineage) {
        return write(layout, versionId, lists, coldStart, lineage, Map.of());
    }

    /** Without spares: every listed movie is in the answer. */

    /**
     * Writes a complete version (manifest last) and returns its manifest; CURRENT is not touched.
     *
     * @param lists rows of {@code user, movies} and, if the model has them, {@code scores}
     *     (array of float, one per movie), sorted by user; scores are stored beside the text body
     * @param coldStart the cold-start list with its scores (IMDB weighted rating)
     * @param files further files of the version by name (the evaluation report), added before the
     *     manifest is written so that it lists and checksums them ({@link StoreWriter#addFile})
     */
    public static Manifest write(StoreLayout layout, String versionId, Dataset<Row> lists, ColdStart coldStart,
            Map<String, Object> lineage, Map<String, byte[]> files) {
        return write(layout, versionId, lists, coldStart, lineage, files, Steps.NONE, -1, Integer.MAX_VALUE);
    }

    /**
     * As above, telling {@code steps} the users written so far of {@code total} (the lists counted;
     * below 1: not known) every {@value #STEP_USERS} users; the first {@code topN} movies of each
     * list (and of the cold-start list) are the answer, the rest are stored as its spares (ADR 11).
     */
    public static Manifest write(StoreLayout layout, String versionId, Dataset<Row> lists, ColdStart coldStart,
            Map<String, Object> lineage, Map<String, byte[]> files, Steps steps, long total, int topN) {
        return write(layout, versionId, lists, Map.of(), coldStart, lineage, files, steps, total, topN);
    }

    /** With A/B arms and no spares: every listed movie is in the answer. */
    public static Manifest write(StoreLayout layout, String versionId, Dataset<Row> lists, Map<String, Dataset<Row>> arms,
            ColdStart coldStart, Map<String, Object> lineage, Map<String, byte[]> files, Steps steps, long total) {
        return write(layout, versionId, lists, arms, coldStart, lineage, files, steps, total, Integer.MAX_VALUE);
    }

    /**
     * As above, with A/B arms: each arm's lists (the same columns, sorted by user) written into the
     * version beside the main ones ({@link StoreWriter#putArm}; arms carry no spares).
     */
    public static Manifest write(StoreLayout layout, String versionId, Dataset<Row> lists, Map<String, Dataset<Row>> arms,
            ColdStart coldStart, Map<String, Object> lineage, Map<String, byte[]> files, Steps steps, long total,
            int topN) {
        long started = System.nanoTime();
        boolean scored = List.of(lists.columns()).contains("scores");
        try (StoreWriter writer = StoreWriter.create(layout, versionId)) {
            writer.coldStart(coldStart.movies(), coldStart.scores(), Math.min(topN, coldStart.movies().size()));
            long users = stream(lists, WRITING, steps, total,
                    (user, movies, scores) -> writer.put(user, movies, scores, Math.min(topN, movies.size())));
            for (Map.Entry<String, Dataset<Row>> arm : arms.entrySet()) {
                stream(arm.getValue(), "writing arm " + arm.getKey() + "'s lists", steps, total,
                        (user, movies, scores) -> writer.putArm(arm.getKey(), user, movies, scores));
            }
            files.forEach(writer::addFile);
            steps.step("compacting the store's " + users + " users and writing its manifest");
            Manifest manifest = writer.publish(lineage);
            LOG.info("export: version {} written: {} users ({}) in {} ms", versionId, users,
                    scored ? "with scores" : "without scores", (System.nanoTime() - started) / 1_000_000);
            return manifest;
        }
    }

    /** Receives one user's list. */
    private interface ListSink {
        void put(long user, List<String> movies, float[] scores);
    }

    /** Streams {@code lists} to the driver partition by partition into {@code sink}; returns the users written. */
    private static long stream(Dataset<Row> lists, String what, Steps steps, long total, ListSink sink) {
        boolean scored = List.of(lists.columns()).contains("scores");
        long users = 0;
        steps.step(what, 0, total);
        Iterator<Row> rows = (scored ? lists.select("user", "movies", "scores") : lists.select("user", "movies"))
                .toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            List<String> movies = row.getList(1);
            sink.put(row.getLong(0), movies, scored ? floats(row.getList(2)) : null);
            users++;
            if (users % STEP_USERS == 0) {
                steps.step(what, users, total);
            }
        }
        steps.step(what, users, total);
        return users;
    }

    private static float[] floats(List<Number> scores) {
        float[] out = new float[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(i).floatValue();
        }
        return out;
    }
}
