package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;

/**
 * The neural ranker's settings ({@code marquee.batch.models.neural}).
 *
 * @param candidatesPerSource each first stage's top this many movies per user join the candidates (M)
 * @param hidden widths of the hidden layers, input side first
 * @param epochs passes over the training lists
 * @param batchSize lists per optimiser step
 * @param learningRate Adam's learning rate
 * @param listSize candidates per training list: one taken movie and {@code listSize - 1} sampled others
 * @param listsPerUser at most this many lists per training user (one per taken candidate)
 * @param maxTrainUsers at most about this many target users (a hashed sample) give training lists
 * @param seed for the user sample, the negatives, the shuffling and DJL's initialisation
 */
public record NeuralParams(int candidatesPerSource, List<Integer> hidden, int epochs, int batchSize,
        float learningRate, int listSize, int listsPerUser, int maxTrainUsers, long seed) implements Serializable {

    public NeuralParams {
        hidden = List.copyOf(hidden);
        if (candidatesPerSource <= 0 || hidden.isEmpty() || hidden.stream().anyMatch(h -> h <= 0) || epochs <= 0
                || batchSize <= 0 || learningRate <= 0 || listSize < 2 || listsPerUser <= 0 || maxTrainUsers <= 0) {
            throw new IllegalArgumentException("marquee.batch.models.neural: every setting must be positive, "
                    + "list-size at least 2: " + this);
        }
    }

    /** Reads the section {@code marquee.batch.models.neural}. */
    public static NeuralParams from(Config section) {
        return new NeuralParams(section.getInt("candidates-per-source"), section.getIntList("hidden"),
                section.getInt("epochs"), section.getInt("batch-size"), (float) section.getDouble("learning-rate"),
                section.getInt("list-size"), section.getInt("lists-per-user"), section.getInt("max-train-users"),
                section.getLong("seed"));
    }
}
