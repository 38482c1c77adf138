package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.eval.report.BacktestPage;
import dev.marquee.batch.recommend.ItemFactors;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every candidate judged as if the nightly job had run on each of the last N nights of the lake:
 * night n sees only the events up to its own end, tunes on its validation window and is judged on
 * its test window, exactly as {@link ModelSelector} does each night. How a person decides whether a
 * model is better: one night's figure moves with the data, a model that wins night after night is
 * better.
 */
public final class Backtest {
    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private Backtest() {}

    /**
     * Runs {@code nights} nights, {@code step} apart, the last ending at the lake's latest event.
     *
     * @param events the lake's events ({@code kind, user, movie, rating, minute, time, partition, offset})
     */
    public static List<BacktestPage.Row> run(SparkSession spark, BatchConfig config, Dataset<Row> events, int nights, Duration step,
            List<SecondStage> secondStages, UnaryOperator<ItemFactors> itemFactors) {
        if (nights < 1) {
            throw new IllegalArgumentException("--nights must be at least 1: " + nights);
        }
        LocalDateTime last = events.agg(max("time")).first().getAs(0);
        if (last == null) {
            throw new IllegalStateException("the lake holds no event");
        }
        List<BacktestPage.Row> out = new ArrayList<>();
        long started = System.nanoTime();
        for (int n = nights - 1; n >= 0; n--) {
            LocalDateTime end = last.minus(step.multipliedBy(n));
            ModelSelector selector = new ModelSelector(spark, config, itemFactors);
            secondStages.forEach(selector::withSecondStage);
            try (Selection s = selector.select(events.filter(col("time").leq(lit(end))), end)) {
                Map<String, Double> ndcg = new LinkedHashMap<>();
                s.candidates().forEach(c -> ndcg.put(c.name(), c.ndcg()));
                out.add(new BacktestPage.Row(end, s.test().cut().cut(), s.test().userCount(), ndcg, s.published().name()));
            }
            int done = out.size();
            double perNight = (System.nanoTime() - started) / 1e9 / done;
            LOG.info("backtest: night {}/{} (ending {}) done, winner {}; {} s per night, ETA {} s", done, nights, end,
                    out.get(done - 1).winner(), String.format(Locale.ROOT, "%.0f", perNight),
                    String.format(Locale.ROOT, "%.0f", perNight * (nights - done)));
        }
        return out;
    }
}
