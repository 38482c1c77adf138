package dev.marquee.batch.recommend;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Lists sorted by user (the store's key order), each list computed once. Spark's global sort first
 * samples its input to choose the ranges, and without a cache the sample is taken by computing the
 * whole input (every user scored, ranked and listed) once more than the sort itself does: at 200,000
 * users that second computation was 46% of the lists' CPU. The unsorted lists are kept (memory, then
 * disk) while the sorted ones are made, then released.
 */
public final class SortedLists {
    private SortedLists() {}

    /**
     * The sorted lists, cached and computed; the caller unpersists them.
     *
     * @param lists {@link TopNRecommender#SCHEMA} in any order
     */
    public static Dataset<Row> of(Dataset<Row> lists) {
        Dataset<Row> once = lists.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> sorted = once.orderBy("user").persist(StorageLevel.MEMORY_AND_DISK());
            sorted.count();
            return sorted;
        } finally {
            once.unpersist();
        }
    }
}
