package dev.marquee.batch.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;

import dev.marquee.batch.recommend.Partitions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The fair non-personal baseline: the movies with the most interactions in train (ties: movie id),
 * the same ranking for every user minus what that user has seen in train, top K.
 */
public final class PopularityBaseline {
    /** {@code user(long), movies(array<string>)}, best first. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private PopularityBaseline() {}

    /** The ranking of movies by interactions in {@code train} ({@code user, movie}), at most {@code n}. */
    public static List<String> ranking(Dataset<Row> train, int n) {
        return train.groupBy("movie").agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col("movie"))
                .limit(n)
                .select("movie").as(Encoders.STRING())
                .collectAsList();
    }

    /** A list of {@code k} movies for every user of {@code train}, skipping the user's own movies. */
    public static Dataset<Row> recommend(Dataset<Row> train, int k) {
        Dataset<Row> seen = train.groupBy("user").agg(collect_list(col("movie")).as("seen"));
        Row most = seen.agg(max(size(col("seen")))).first();
        int maxSeen = most.isNullAt(0) ? 0 : most.getInt(0);
        List<String> popular = ranking(train, k + maxSeen);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
        Broadcast<List<String>> ranked = jsc.broadcast(new ArrayList<>(popular));
        MapPartitionsFunction<Row, Row> pick = rows -> pickPartition(rows, ranked.value(), k);
        return seen.mapPartitions(pick, Encoders.row(SCHEMA));
    }

    private static Iterator<Row> pickPartition(Iterator<Row> rows, List<String> popular, int k) {
        return Partitions.map(rows, row -> {
            Set<String> seen = new HashSet<>(row.getList(1));
            List<String> list = new ArrayList<>(k);
            for (int i = 0; i < popular.size() && list.size() < k; i++) {
                if (!seen.contains(popular.get(i))) {
                    list.add(popular.get(i));
                }
            }
            return RowFactory.create(row.getLong(0), CollectionConverters.asScala(list).toSeq());
        });
    }
}
