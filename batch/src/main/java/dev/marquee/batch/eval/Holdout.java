package dev.marquee.batch.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Time-based holdouts over interactions {@code user(long), movie(string), rating(int, nullable),
 * time(timestamp_ntz)}, one row per (user, movie): the latest interaction.
 */
public final class Holdout {
    private static final String RANK = "_holdout_rank";
    private static final String HISTORY = "_holdout_history";
    private static final String MICROS = "_holdout_micros";

    private Holdout() {}

    /**
     * Each user with at least {@code minHistory} interactions gives the latest {@code perUser}
     * ones to test (ties in time: the greater movie id counts as later), the rest to train; users
     * with fewer interactions stay wholly in train.
     */
    public static Split latestPerUser(Dataset<Row> interactions, int perUser, int minHistory) {
        if (perUser < 1 || minHistory <= perUser) {
            throw new IllegalArgumentException("need 1 <= perUser < minHistory, got perUser=" + perUser
                    + " minHistory=" + minHistory);
        }
        WindowSpec byUser = Window.partitionBy("user");
        WindowSpec latestFirst = byUser.orderBy(col("time").desc(), col("movie").desc());
        Dataset<Row> ranked = interactions
                .withColumn(HISTORY, count(lit(1)).over(byUser))
                .withColumn(RANK, row_number().over(latestFirst));
        Dataset<Row> isTest = ranked.filter(col(HISTORY).geq(minHistory).and(col(RANK).leq(perUser)));
        Dataset<Row> isTrain = ranked.filter(col(HISTORY).lt(minHistory).or(col(RANK).gt(perUser)));
        return new Split(isTrain.drop(HISTORY, RANK), isTest.drop(HISTORY, RANK));
    }

    /**
     * A global time cutoff (the validation split for tuning): interactions strictly after the
     * {@code q}-quantile of time go to test, the rest to train. The quantile is exact.
     */
    public static Split byTimeQuantile(Dataset<Row> interactions, double q) {
        if (q <= 0 || q >= 1) {
            throw new IllegalArgumentException("q must be in (0, 1): " + q);
        }
        Dataset<Row> withMicros = interactions.withColumn(MICROS,
                unix_micros(col("time").cast("timestamp")).cast("double"));
        double cutoff = withMicros.stat().approxQuantile(MICROS, new double[] {q}, 0.0)[0];
        return new Split(withMicros.filter(col(MICROS).leq(cutoff)).drop(MICROS),
                withMicros.filter(col(MICROS).gt(cutoff)).drop(MICROS));
    }
}
