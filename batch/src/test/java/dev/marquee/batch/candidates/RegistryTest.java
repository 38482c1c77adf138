package dev.marquee.batch.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.models.Recommender;
import dev.marquee.batch.models.Setting;
import dev.marquee.testkit.BatchSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configured first-stage candidates, in the configured order, with their reference.conf grids. */
class RegistryTest {

    private static BatchConfig config(Map<String, Object> overrides) {
        return BatchSettings.unused().set(overrides).load(BatchConfig::load);
    }

    @Test
    void buildsEveryFirstStageOfTheReferenceConfigInOrder() {
        List<Recommender> models = Registry.firstStage(config(Map.of()), f -> f);
        assertEquals(List.of(Popularity.NAME, DecayedPopularity.NAME, ItemKnn.NAME, Ease.NAME, ImplicitAls.NAME),
                models.stream().map(Recommender::name).toList(), "neural is a second stage");
        // grids: none; 8 half-lives; 2 neighbours x 2 shrinks; 3 lambdas; 1 rank x 2 regParams x 2 alphas
        assertEquals(List.of(1, 8, 4, 3, 4), models.stream().map(m -> m.grid().size()).toList());
        assertEquals(List.of(Setting.none()), models.get(0).grid());
        assertEquals(0.5, models.get(1).grid().get(0).get("halfLifeDays"), 0);
        assertEquals(List.of("neighbours", "shrink"), List.copyOf(models.get(2).grid().get(0).values().keySet()));
        assertEquals(List.of("rank", "regParam", "alpha"),
                List.copyOf(models.get(4).grid().get(0).values().keySet()));
    }

    @Test
    void followsTheConfiguredListAndOrder() {
        List<Recommender> models = Registry.firstStage(
                config(Map.of("marquee.batch.models.candidates", List.of("ease", "neural", "popularity"))), f -> f);
        assertEquals(List.of(Ease.NAME, Popularity.NAME), models.stream().map(Recommender::name).toList());
    }

    @Test
    void aSectionOverrideChangesTheGrid() {
        List<Recommender> models = Registry.firstStage(config(Map.of(
                "marquee.batch.models.candidates", List.of("decayed-popularity"),
                "marquee.batch.models.decayed-popularity.half-life-days", 3)), f -> f);
        assertEquals(1, models.size());
        assertEquals(List.of(new Setting(Map.of("halfLifeDays", 3.0))), models.get(0).grid());
    }
}
