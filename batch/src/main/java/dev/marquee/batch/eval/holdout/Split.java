package dev.marquee.batch.eval.holdout;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A train/test split of interactions; both keep the input's columns.
 *
 * @param train what models learn from
 * @param test what they are scored on (held out)
 */
public record Split(Dataset<Row> train, Dataset<Row> test) {
}
