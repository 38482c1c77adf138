package dev.marquee.batch.candidates;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.marquee.batch.train.TrainingData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * How often two movies were seen by the same user, counted in Spark over each user's latest
 * {@code maxHistory} interactions (a heavy user would otherwise add its history squared).
 *
 * @param items {@code i, n}: users per movie, within the capped histories
 * @param pairs {@code i, j, n}: users who saw both, both directions, {@code i != j}
 */
record Cooccurrence(Dataset<Row> items, Dataset<Row> pairs) {

    static Cooccurrence of(TrainingData data, int maxHistory) {
        Dataset<Row> capped = data.index(data.interactions())
                .withColumn("_r", row_number().over(Window.partitionBy("u").orderBy(col("time").desc(), col("i"))))
                .filter(col("_r").leq(maxHistory))
                .select(col("u"), col("i"))
                .cache();
        Dataset<Row> items = capped.groupBy("i").agg(count(lit(1)).cast("double").as("n")).cache();
        Dataset<Row> a = capped.withColumnRenamed("i", "a");
        Dataset<Row> b = capped.withColumnRenamed("i", "b");
        Dataset<Row> half = a.join(b, "u").filter(col("a").lt(col("b")))
                .groupBy("a", "b").agg(count(lit(1)).cast("double").as("n"));
        Dataset<Row> pairs = half.select(col("a").as("i"), col("b").as("j"), col("n"))
                .union(half.select(col("b").as("i"), col("a").as("j"), col("n")))
                .cache();
        return new Cooccurrence(items, pairs);
    }

    void release() {
        items.unpersist();
        pairs.unpersist();
    }
}
