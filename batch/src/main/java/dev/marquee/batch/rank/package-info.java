/**
 * The neural ranker (issue 4, part 2): ALS retrieves each user's top candidates ({@link
 * dev.marquee.batch.rank.Candidates}), a small DJL (PyTorch) model re-ranks them to the final N
 * ({@link dev.marquee.batch.rank.NeuralRanker}, {@link dev.marquee.batch.rank.TrainedRanker}).
 * Training runs on the driver with DJL; scoring runs inside Spark partitions on the exported
 * weights ({@link dev.marquee.batch.rank.RankerWeights}), in plain Java.
 */
package dev.marquee.batch.rank;
