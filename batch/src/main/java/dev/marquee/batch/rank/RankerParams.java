package dev.marquee.batch.rank;

import java.io.Serializable;

/**
 * The neural ranker's settings.
 *
 * @param candidates ALS candidates per user that the ranker re-ranks (C)
 * @param userBuckets user embedding rows; a user id is hashed into one (bounds the table at 1M users)
 * @param embeddingDim length of the user and of the movie embedding
 * @param hidden width of the first hidden layer (the second is half of it)
 * @param epochs passes over the training examples
 * @param batchSize examples per optimiser step
 * @param learningRate Adam's learning rate
 * @param negativesPerPositive non-interacted candidates sampled per positive (label 0)
 * @param maxTrainUsers at most this many users (a hashed sample) give training examples
 * @param seed for DJL's initialisation, example shuffling, negative and user sampling
 */
public record RankerParams(int candidates, int userBuckets, int embeddingDim, int hidden, int epochs, int batchSize,
        float learningRate, int negativesPerPositive, int maxTrainUsers, long seed) implements Serializable {

    public RankerParams {
        if (candidates <= 0 || userBuckets <= 0 || embeddingDim <= 0 || hidden < 2 || epochs <= 0 || batchSize <= 0
                || learningRate <= 0 || negativesPerPositive <= 0 || maxTrainUsers <= 0) {
            throw new IllegalArgumentException("every ranker parameter must be positive (hidden >= 2): " + this);
        }
    }

    /** C=200, 65,536 user buckets, 16-dim embeddings, MLP 64-32-1, 5 epochs of 512, Adam 0.005, 4 negatives, 50k users, seed 42. */
    public static RankerParams defaults() {
        return new RankerParams(200, 1 << 16, 16, 64, 5, 512, 0.005f, 4, 50_000, 42L);
    }

    /** A copy with another candidate count. */
    public RankerParams withCandidates(int c) {
        return new RankerParams(c, userBuckets, embeddingDim, hidden, epochs, batchSize, learningRate,
                negativesPerPositive, maxTrainUsers, seed);
    }

    /** A copy with another epoch count. */
    public RankerParams withEpochs(int e) {
        return new RankerParams(candidates, userBuckets, embeddingDim, hidden, e, batchSize, learningRate,
                negativesPerPositive, maxTrainUsers, seed);
    }

    /** The embedding row of a user id. */
    public int bucket(long user) {
        long h = user * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        return (int) Math.floorMod(h, (long) userBuckets);
    }
}
