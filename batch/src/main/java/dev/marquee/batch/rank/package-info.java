/**
 * The neural ranker, a second stage ({@link dev.marquee.batch.rank.NeuralStage}): it re-ranks the
 * union of the first stages' top lists with a small MLP over source ranks and scores, movie
 * popularity over time and user activity ({@link dev.marquee.batch.rank.Features}). Training runs
 * on the driver with DJL (PyTorch, a listwise loss, {@link dev.marquee.batch.rank.ListwiseTrainer});
 * scoring runs inside Spark partitions on the exported weights
 * ({@link dev.marquee.batch.rank.RankerWeights}), in plain Java.
 */
package dev.marquee.batch.rank;
