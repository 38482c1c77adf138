package dev.marquee.batch.recommend;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted model that scores users by the dot product of their factors with every movie's (the
 * ALS variants): what bench/nightly's {@code topn_vs_gemm} times against a bare matrix multiply of
 * the same shape.
 */
public interface FactorModel {
    /** Users with factors. */
    long users();

    /** Factor length. */
    int rank();

    /** Movies with factors. */
    int movies();

    /** Every user's {@code k} best unseen movies ({@link TopNRecommender#SCHEMA}), lazily. */
    Dataset<Row> recommendAll(int k);
}
