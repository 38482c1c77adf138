package dev.marquee.batch.candidates;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.models.Recommender;
import dev.marquee.batch.recommend.ItemFactors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds the configured first-stage candidates ({@code marquee.batch.models.candidates}) from their sections. */
public final class Registry {
    private Registry() {}

    /** Every configured candidate but second stages (neural), in the configured order. */
    public static List<Recommender> firstStage(BatchConfig config, UnaryOperator<ItemFactors> itemFactors) {
        List<Recommender> out = new ArrayList<>();
        for (String name : config.models().candidates()) {
            switch (name) {
                case Popularity.NAME -> out.add(new Popularity());
                case DecayedPopularity.NAME -> out.add(new DecayedPopularity(section(config, name)));
                case ItemKnn.NAME -> out.add(new ItemKnn(section(config, name)));
                case Ease.NAME -> out.add(new Ease(section(config, name)));
                case ImplicitAls.NAME -> out.add(new ImplicitAls(section(config, name), itemFactors));
                default -> { } // second stages are built by the selector
            }
        }
        return out;
    }

    private static com.typesafe.config.Config section(BatchConfig config, String name) {
        return config.models().plugins().getConfig(name);
    }
}
