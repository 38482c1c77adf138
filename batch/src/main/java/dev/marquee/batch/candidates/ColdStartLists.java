package dev.marquee.batch.candidates;

import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.ColdStart;
import java.util.Map;

/** The list a new user gets, by formula: decayed-popularity, popularity or weighted-rating (IMDB). */
public final class ColdStartLists {
    private ColdStartLists() {}

    /**
     * @param halfLifeDays decayed popularity's half-life (its tuned one)
     * @param votesQuantile weighted rating's m as a quantile of votes per movie
     */
    public static ColdStart of(String formula, TrainView view, double halfLifeDays, double votesQuantile, int n) {
        return switch (formula) {
            case "decayed-popularity" -> of(new DecayedPopularity(halfLifeDays).fit(view,
                    new Setting(Map.of("halfLifeDays", halfLifeDays))), n);
            case "popularity" -> of(new Popularity().fit(view, Setting.none()), n);
            case "weighted-rating" -> ColdStart.compute(view.data().ratings(), votesQuantile, n);
            default -> throw new IllegalArgumentException("no cold-start formula " + formula);
        };
    }

    private static ColdStart of(Popularity.Fitted ranking, int n) {
        return new ColdStart(ranking.top(n), ranking.topScores(n), 0, 0);
    }
}
