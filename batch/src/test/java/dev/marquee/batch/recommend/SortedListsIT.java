package dev.marquee.batch.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sorting the published lists by user computes each list once: a counter bumped wherever a list is
 * made counts every user once, where a plain sort of the same lists counts them twice (its range
 * sample computes them too), and the lists come out in user order with nothing lost.
 */
@ExtendWith(SparkExtension.class)
class SortedListsIT {
    private static final int USERS = 5_000;

    @Test
    void eachListIsComputedOnceAndComesOutInUserOrder(SparkSession spark) {
        LongAccumulator made = spark.sparkContext().longAccumulator("lists made");
        Dataset<Row> sorted = SortedLists.of(lists(spark, made));
        try {
            assertEquals(USERS, made.value(), "every list made once");
            List<Row> rows = sorted.collectAsList();
            assertEquals(USERS, made.value(), "and not again when read");
            assertEquals(USERS, rows.size());
            for (int n = 0; n < rows.size(); n++) {
                assertEquals(n + 1L, rows.get(n).getLong(0), "user order");
                assertEquals("m" + (n + 1), rows.get(n).getList(1).get(0));
            }
        } finally {
            sorted.unpersist();
        }

        LongAccumulator plain = spark.sparkContext().longAccumulator("lists made, plain sort");
        assertEquals(USERS, lists(spark, plain).orderBy("user").collectAsList().size());
        assertEquals(2L * USERS, plain.value(), "a plain sort makes every list twice: the reason for SortedLists");
    }

    /** One list per user, in shuffled order, over 4 partitions; {@code made} counts each list made. */
    private static Dataset<Row> lists(SparkSession spark, LongAccumulator made) {
        List<Long> users = new ArrayList<>();
        for (long u = 1; u <= USERS; u++) {
            users.add(u);
        }
        Collections.shuffle(users, new Random(3));
        MapFunction<Long, Row> list = u -> {
            made.add(1);
            return RowFactory.create(u, CollectionConverters.asScala(List.of("m" + u)).toSeq(),
                    CollectionConverters.asScala(List.of((float) u)).toSeq());
        };
        return spark.createDataset(users, Encoders.LONG()).repartition(4)
                .map(list, Encoders.row(TopNRecommender.SCHEMA));
    }
}
