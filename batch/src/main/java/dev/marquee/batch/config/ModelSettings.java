package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which models compete, how they are evaluated and gated ({@code marquee.batch.models}, {@code eval},
 * {@code cold-start}, {@code gate}).
 *
 * @param candidates the models that compete, in order (each has a section in {@code plugins})
 * @param plugins {@code marquee.batch.models}: each candidate's settings and grid
 * @param window the test window's initial length (the validation window is as long, one earlier)
 * @param maxWindow the longest the window is widened to
 * @param minUsers the window is widened until this many returning users are in it
 * @param tuneSampleUsers tuning judges about this many validation users (0: all)
 * @param gridsPerNight a night searches at most this many tuned models' grids, the others keep their last
 *     setting ({@code Retuning}; 0: every grid every night)
 * @param selectSampleUsers above this many users, models are tuned and compared on a hash sample of about
 *     this many (0: never)
 * @param publishFromSample when the selection ran on a sample, the published models learn on the sample
 *     and are applied to everyone (ADR 9), rather than refitted on everyone
 * @param fillHalfLifeDays half-life of the decayed popularity that fills a short list during evaluation
 * @param coldStartFormulas the cold-start lists that compete on new users: decayed-popularity, popularity, weighted-rating
 * @param ndcgMargin how much lower than the serving version's NDCG@K a new version may be
 * @param abSecondArm the A/B arm {@code candidate} written beside the published lists: "" none,
 *     {@code runner-up} (the best other first-stage candidate on the test window) or a candidate's name
 * @param abControl whether a {@code control} arm of decayed popularity is written too
 */
public record ModelSettings(List<String> candidates, Config plugins, Duration window, Duration maxWindow, long minUsers,
        long tuneSampleUsers, int gridsPerNight, long selectSampleUsers, boolean publishFromSample, double fillHalfLifeDays,
        List<String> coldStartFormulas, double ndcgMargin,
        String abSecondArm, boolean abControl) {

    /** Every candidate model there is. */
    public static final List<String> KNOWN = List.of("popularity", "decayed-popularity", "item-knn", "ease",
            "als-implicit", "neural");
    /** Every cold-start formula there is. */
    public static final List<String> COLD_START = List.of("decayed-popularity", "popularity", "weighted-rating");

    public ModelSettings {
        candidates = List.copyOf(candidates);
        coldStartFormulas = List.copyOf(coldStartFormulas);
        BatchConfig.require(!candidates.isEmpty() && KNOWN.containsAll(candidates), "models.candidates must name some of " + KNOWN);
        BatchConfig.require(!coldStartFormulas.isEmpty() && COLD_START.containsAll(coldStartFormulas),
                "cold-start.formulas must name some of " + COLD_START);
        BatchConfig.require(!window.isNegative() && !window.isZero() && maxWindow.compareTo(window) >= 0,
                "eval.window must be positive and at most eval.max-window");
        BatchConfig.require(minUsers >= 1 && tuneSampleUsers >= 0 && gridsPerNight >= 0 && selectSampleUsers >= 0,
                "eval.min-users must be positive, tune-sample-users, grids-per-night and select-sample-users not negative");
        BatchConfig.require(fillHalfLifeDays > 0, "eval.fill-half-life-days must be positive");
        BatchConfig.require(ndcgMargin >= 0, "gate.ndcg-margin must not be negative");
        BatchConfig.require(abSecondArm.isEmpty() || abSecondArm.equals("runner-up") || KNOWN.contains(abSecondArm),
                "ab.second-arm must be empty, runner-up or one of " + KNOWN);
    }

    static ModelSettings load(Config c) {
        return new ModelSettings(c.getStringList("models.candidates"), c.getConfig("models"), c.getDuration("eval.window"),
                c.getDuration("eval.max-window"), c.getLong("eval.min-users"), c.getLong("eval.tune-sample-users"),
                c.getInt("eval.grids-per-night"),
                c.getLong("eval.select-sample-users"),
                c.getBoolean("eval.publish-from-sample"),
                c.getDouble("eval.fill-half-life-days"), c.getStringList("cold-start.formulas"), c.getDouble("gate.ndcg-margin"),
                c.getString("ab.second-arm").trim(), c.getBoolean("ab.control"));
    }

    /** For the lineage. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("models", plugins.root().unwrapped());
        m.put("eval", Map.of("window", window.toString(), "maxWindow", maxWindow.toString(), "minUsers", minUsers,
                "tuneSampleUsers", tuneSampleUsers, "gridsPerNight", gridsPerNight, "selectSampleUsers", selectSampleUsers, "publishFromSample", publishFromSample,
                "fillHalfLifeDays", fillHalfLifeDays));
        m.put("coldStartFormulas", coldStartFormulas);
        m.put("gate", Map.of("ndcgMargin", ndcgMargin));
        m.put("ab", Map.of("secondArm", abSecondArm, "control", abControl));
        return m;
    }
}
