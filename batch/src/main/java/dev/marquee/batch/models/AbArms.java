package dev.marquee.batch.models;

import dev.marquee.batch.candidates.DecayedPopularity;
import dev.marquee.batch.config.ModelSettings;
import dev.marquee.batch.recommend.SortedLists;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The A/B arms a night writes beside its published lists ({@code marquee.batch.ab}): tonight's
 * runner-up (or a named candidate) as {@value #CANDIDATE}, decayed popularity as {@value #CONTROL}.
 * Each is refitted on every user with the setting it won its tuning with, like the winner.
 */
public final class AbArms {
    /** The second model's arm. */
    public static final String CANDIDATE = "candidate";
    /** The standing popularity arm. */
    public static final String CONTROL = "control";
    private static final Logger LOG = LoggerFactory.getLogger(AbArms.class);

    private AbArms() {}

    /**
     * One arm's lists.
     *
     * @param model the model that made them
     * @param setting its setting
     * @param lists {@code user, movies[, scores]} sorted by user, every user of the view, cached (unpersisted by
     *     the caller once written)
     * @param fitted the fitted model (closed by the caller once the lists are written)
     */
    public record Arm(String model, Setting setting, Dataset<Row> lists, FittedModel fitted) {}

    /** The arms configured in {@code s}, by name (empty when none is). */
    public static Map<String, Arm> of(ModelSettings s, ModelSelector selector, Selection selection, TrainView all, int k) {
        Map<String, Arm> arms = new LinkedHashMap<>();
        Dataset<Row> users = all.data().userIndex().select("user");
        secondModel(s.abSecondArm(), selector, selection).ifPresent(r -> {
            Setting setting = selection.settings().get(r.name());
            FittedModel fitted = r.fit(all, setting);
            arms.put(CANDIDATE, new Arm(r.name(), setting, SortedLists.of(fitted.recommend(users, k)), fitted));
        });
        if (s.abControl()) {
            DecayedPopularity control = new DecayedPopularity(selection.halfLifeDays());
            Setting setting = control.grid().get(0);
            FittedModel fitted = control.fit(all, setting);
            arms.put(CONTROL, new Arm(DecayedPopularity.NAME, setting, SortedLists.of(fitted.recommend(users, k)), fitted));
        }
        if (!arms.isEmpty()) {
            LOG.info("A/B arms beside {}: {}", selection.published().name(), arms.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().model() + " " + e.getValue().setting()).toList());
        }
        return arms;
    }

    /** The model of the {@value #CANDIDATE} arm: none, the runner-up, or the one named, if it ran tonight and did not win. */
    static Optional<Recommender> secondModel(String wanted, ModelSelector selector, Selection selection) {
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Recommender> firstStage = selector.firstStage().stream()
                .collect(Collectors.toMap(Recommender::name, r -> r, (a, b) -> a, LinkedHashMap::new));
        String winner = selection.published().name();
        List<Candidate> others = selection.candidates().stream()
                .filter(c -> !c.name().equals(winner) && firstStage.containsKey(c.name()))
                .sorted(Comparator.comparingDouble(Candidate::ndcg).reversed()).toList();
        Optional<Candidate> pick = wanted.equals("runner-up") ? others.stream().findFirst()
                : others.stream().filter(c -> c.name().equals(wanted)).findFirst();
        if (pick.isEmpty()) {
            LOG.warn("ab.second-arm {}: no such first-stage candidate tonight other than the winner {} (candidates {}): "
                    + "no candidate arm", wanted, winner, Set.copyOf(firstStage.keySet()));
        }
        return pick.map(c -> firstStage.get(c.name()));
    }
}
