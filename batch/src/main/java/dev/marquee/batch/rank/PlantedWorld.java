package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;

import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.SecondStage;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.train.TrainingData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A synthetic night with a planted signal, for the ranker's test and bench: a tenth of the movies
 * are trending (many interactions in the day before the cut), and each user takes next exactly one
 * trending movie, the one source {@value #GOOD} proposes among non-trending ones (at a random
 * position). Source {@value #NOISE} proposes random movies, trending ones included, with higher
 * scores. Only the two together find the taken movie: {@value #GOOD}'s proposal that is trending.
 */
public final class PlantedWorld {
    /** The source whose proposals hold the taken movie. */
    public static final String GOOD = "good";
    /** The source that proposes random movies. */
    public static final String NOISE = "noise";
    private static final StructType INTERACTIONS = new StructType()
            .add("user", DataTypes.LongType, false).add("movie", DataTypes.StringType, false)
            .add("rating", DataTypes.DoubleType, true).add("minutes", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, false);
    private static final StructType PLAN = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("good", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("noise", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("target", DataTypes.StringType, false);
    private static final long BACKGROUND = 1L << 40;

    private PlantedWorld() {}

    /**
     * One side of the stage and its targets.
     *
     * @param stage the view (interactions up to {@code asOf}) and the two sources
     * @param targets {@code user, movie}: the movie each user takes next
     */
    public record Planted(SecondStage.Stage stage, Dataset<Row> targets) {}

    /**
     * @param users users 0 .. users - 1 get lists and a target
     * @param movies movies {@code m0 .. m<movies-1>}
     * @param perList movies per source list
     */
    public static Planted of(SparkSession spark, long users, int movies, int perList, LocalDateTime asOf, long seed,
            int partitions) {
        boolean[] trending = new boolean[movies];
        Random random = new Random(seed);
        for (int i = 0; i < movies; i++) {
            trending[i] = random.nextInt(10) == 0;
        }
        FlatMapFunction<Long, Row> background = i -> background(i.intValue(), trending[i.intValue()], asOf, seed);
        FlatMapFunction<Long, Row> history = u -> history(u, movies, asOf, seed);
        Dataset<Row> interactions = spark.range(0, movies, 1, partitions).as(Encoders.LONG())
                .flatMap(background, Encoders.row(INTERACTIONS))
                .union(spark.range(0, users, 1, partitions).as(Encoders.LONG()).flatMap(history, Encoders.row(INTERACTIONS)));
        MapFunction<Long, Row> plan = u -> plan(u, trending, perList, seed);
        Dataset<Row> plans = spark.range(0, users, 1, partitions).as(Encoders.LONG()).map(plan, Encoders.row(PLAN)).cache();
        TrainView view = new TrainView(spark, TrainingData.from(spark, interactions), asOf, partitions, null);
        Map<String, FittedModel> sources = new LinkedHashMap<>();
        sources.put(GOOD, new Lists(plans.select(col("user"), col("good").as("movies")), 0f));
        sources.put(NOISE, new Lists(plans.select(col("user"), col("noise").as("movies")), 100f));
        return new Planted(new SecondStage.Stage(view, sources), plans.select(col("user"), col("target").as("movie")));
    }

    /** A movie's interactions by background users: old ones, a few in the last day, many if trending. */
    private static Iterator<Row> background(int i, boolean trending, LocalDateTime asOf, long seed) {
        Random r = new Random(seed * 7919 + i);
        List<Row> out = new ArrayList<>();
        int old = 1 + r.nextInt(20);
        int recent = trending ? 8 + r.nextInt(10) : r.nextInt(3);
        for (int k = 0; k < old + recent; k++) {
            long seconds = k < old ? 2 * 86_400L + r.nextInt(50 * 86_400) : r.nextInt(86_000);
            out.add(RowFactory.create(BACKGROUND + (long) i * 1_000 + k, "m" + i, null, 30, asOf.minusSeconds(seconds)));
        }
        return out.iterator();
    }

    /** Three old interactions of a user. */
    private static Iterator<Row> history(long u, int movies, LocalDateTime asOf, long seed) {
        Random r = new Random(seed * 104_729 + u);
        List<Row> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            out.add(RowFactory.create(u, "m" + (k * movies / 3 + r.nextInt(movies / 3)), 4.0, 60,
                    asOf.minusSeconds(2 * 86_400L + r.nextInt(30 * 86_400))));
        }
        return out.iterator();
    }

    private static Row plan(long u, boolean[] trending, int perList, long seed) {
        Random r = new Random(seed * 15_485_863 + u);
        int movies = trending.length;
        List<String> good = new ArrayList<>();
        String target = null;
        while (target == null) {
            int i = r.nextInt(movies);
            target = trending[i] ? "m" + i : null;
        }
        while (good.size() < perList - 1) {
            int i = r.nextInt(movies);
            if (!trending[i] && !good.contains("m" + i)) {
                good.add("m" + i);
            }
        }
        good.add(r.nextInt(perList), target);
        List<String> noise = new ArrayList<>();
        while (noise.size() < perList) {
            int i = r.nextInt(movies);
            if (!noise.contains("m" + i) && !good.contains("m" + i)) {
                noise.add("m" + i);
            }
        }
        return RowFactory.create(u, CollectionConverters.asScala(good).toSeq(), CollectionConverters.asScala(noise).toSeq(),
                target);
    }

    /**
     * A source that serves fixed lists ({@code user, movies}), scored {@code base + length - position}.
     *
     * @param lists one row per user
     * @param base added to every score
     */
    public record Lists(Dataset<Row> lists, float base) implements FittedModel {
        @Override
        public Dataset<Row> recommend(Dataset<Row> users, int k) {
            String scores = "transform(movies, (m, p) -> cast(" + base + " + size(movies) - p as float))";
            return lists.join(users.select("user"), new String[] {"user"}, "left_semi")
                    .selectExpr("user", "movies", scores + " as scores")
                    .select(col("user"), slice(col("movies"), 1, k).as("movies"),
                            slice(col("scores"), lit(1), lit(k)).as("scores"));
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("base", base);
        }
    }
}
