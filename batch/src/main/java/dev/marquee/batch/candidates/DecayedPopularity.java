package dev.marquee.batch.candidates;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;

import com.typesafe.config.Config;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.GlobalRanking;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Popularity with exponential time decay: a movie scores {@code sum 2^(-age / halfLife)} over
 * the users who touched it, age measured from the cut. What people watch next is mostly what is
 * being watched now; the half-life is tuned. Also the source of the cold-start list.
 */
public final class DecayedPopularity extends GridModel {
    public static final String NAME = "decayed-popularity";

    public DecayedPopularity(Config section) {
        super(NAME, section, "half-life-days", "halfLifeDays");
    }

    /** One fixed half-life (the ranking that fills short lists). */
    public DecayedPopularity(double halfLifeDays) {
        super(NAME, List.of(new Setting(Map.of("halfLifeDays", halfLifeDays))));
    }

    /** The ranking at the grid's first half-life. */
    public GlobalRanking ranking(TrainView train) {
        return fit(train, grid().get(0)).ranking();
    }

    @Override
    public Popularity.Fitted fit(TrainView train, Setting setting) {
        double halfLifeSeconds = setting.get("halfLifeDays") * 86_400.0;
        float[] score = new float[train.data().movies().length];
        // age in seconds; 2^(-age/h) = exp(-ln2 * age / h)
        List<Row> rows = Popularity.indexed(train.data())
                .withColumn("_age", unix_seconds(lit(train.asOf()).cast("timestamp"))
                        .minus(unix_seconds(col("time").cast("timestamp"))))
                .groupBy("i").agg(sum(exp(col("_age").multiply(-Math.log(2) / halfLifeSeconds))).as("s"))
                .collectAsList();
        for (Row r : rows) {
            score[r.getInt(0)] = (float) r.getDouble(1);
        }
        return new Popularity.Fitted(train.data(), GlobalRanking.of(score));
    }
}
