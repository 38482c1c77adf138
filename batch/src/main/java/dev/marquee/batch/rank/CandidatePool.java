package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;

import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.SecondStage;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The candidates of a stage's users: every source's top M, one list per source, with what the
 * view says about the user. Rows {@code user(long), lists(array<struct<source(int),
 * movies(array<string>), scores(array<float>)>>), history(long), recency(double)}: history is the
 * user's interactions in the view, recency the days from the user's last one to the view's cut.
 * A user no source proposes anything to has no row.
 */
public final class CandidatePool {
    private CandidatePool() {}

    /**
     * @param sources the source names in feature order (a name {@code stage} lacks proposes nothing)
     * @param users {@code user}: whose candidates
     * @param m how many of each source's list
     */
    public static Dataset<Row> of(SecondStage.Stage stage, List<String> sources, Dataset<Row> users, int m) {
        Dataset<Row> lists = null;
        for (int s = 0; s < sources.size(); s++) {
            FittedModel source = stage.sources().get(sources.get(s));
            if (source == null) {
                continue;
            }
            Dataset<Row> one = source.recommend(users, m)
                    .select(col("user"), struct(lit(s).as("source"), col("movies"), col("scores")).as("list"));
            lists = lists == null ? one : lists.unionByName(one);
        }
        if (lists == null) {
            throw new IllegalArgumentException("no source of " + sources + " among " + stage.sources().keySet());
        }
        Dataset<Row> history = stage.view().data().interactions().groupBy("user").agg(count(lit(1)).as("history"),
                unix_seconds(lit(stage.view().asOf()).cast("timestamp"))
                        .minus(unix_seconds(max(col("time")).cast("timestamp"))).divide(86_400.0).as("recency"));
        return lists.groupBy("user").agg(collect_list(col("list")).as("lists")).join(history, "user")
                .select("user", "lists", "history", "recency");
    }
}
