package dev.marquee.batch.drift;

import dev.marquee.batch.config.DriftSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Compares one run's summary with its reference's (the pooled summaries of earlier runs). No Spark. */
public final class DriftCheck {
    private final DriftSettings settings;

    public DriftCheck(DriftSettings settings) {
        this.settings = settings;
    }

    /** The drift of {@code run} against {@code reference} (oldest first; empty: nothing to compare). */
    public DriftReport compare(RunSummary run, List<RunSummary> reference) {
        List<Figure> figures = new ArrayList<>();
        figures.add(categorical("ratings", run, reference, RunSummary::ratings));
        figures.add(popularity(run, reference));
        figures.add(categorical("new-users", run, reference, DriftCheck::newUsers));
        figures.add(categorical("reject-reasons", run, reference, RunSummary::lines));
        figures.add(sample("interactions-per-user", run, reference, RunSummary::interactionsPerUser));
        figures.add(sample("session-minutes", run, reference, RunSummary::sessionMinutes));
        double share = run.activeUsers() == 0 ? 0 : (double) run.newUsers() / run.activeUsers();
        return new DriftReport(run.run(), reference.stream().map(RunSummary::run).toList(), share, figures);
    }

    private static SortedMap<String, Long> newUsers(RunSummary s) {
        return new TreeMap<>(Map.of("new", s.newUsers(), "returning", s.activeUsers() - s.newUsers()));
    }

    /** PSI over named counts; the reference's counts are summed over its runs, bins the union of both. */
    private Figure categorical(String name, RunSummary run, List<RunSummary> reference,
            Function<RunSummary, SortedMap<String, Long>> counts) {
        SortedMap<String, Long> now = counts.apply(run);
        SortedMap<String, Long> ref = new TreeMap<>();
        reference.forEach(r -> counts.apply(r).forEach((k, v) -> ref.merge(k, v, Long::sum)));
        TreeSet<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(ref.keySet());
        List<String> bins = List.copyOf(keys);
        double[] c = bins.stream().mapToDouble(k -> now.getOrDefault(k, 0L)).toArray();
        double[] r = bins.stream().mapToDouble(k -> ref.getOrDefault(k, 0L)).toArray();
        return psi(name, bins, c, r, reference.isEmpty());
    }

    /** PSI over the popularity deciles; the reference is the mean of its runs' shares. */
    private Figure popularity(RunSummary run, List<RunSummary> reference) {
        List<String> bins = new ArrayList<>();
        for (int i = 1; i <= RunSummary.DECILES; i++) {
            bins.add("top " + (i * 10) + "%");
        }
        double[] r = new double[RunSummary.DECILES];
        reference.forEach(s -> {
            for (int i = 0; i < r.length; i++) {
                r[i] += s.popularity()[i];
            }
        });
        return psi("popularity", bins, run.popularity(), r, reference.isEmpty());
    }

    private Figure psi(String name, List<String> bins, double[] current, double[] reference, boolean noReference) {
        double[] c = DriftStatistics.shares(current);
        double[] r = DriftStatistics.shares(reference);
        if (noReference) {
            return Figure.none(name, "psi", "no reference yet", bins, c);
        }
        if (sum(current) == 0 || sum(reference) == 0) {
            return new Figure(name, "psi", Double.NaN, Double.NaN, Figure.Level.NONE,
                    sum(current) == 0 ? "none in this run" : "none in the reference", bins, c, r);
        }
        double value = DriftStatistics.psi(r, c, settings.psiEpsilon());
        return new Figure(name, "psi", value, Double.NaN, level(name, value), "", bins, c, r);
    }

    /** KS between this run's sample and the reference runs' samples pooled; shown over power-of-two bins. */
    private Figure sample(String name, RunSummary run, List<RunSummary> reference,
            Function<RunSummary, SortedMap<Long, Long>> histogram) {
        SortedMap<Long, Long> now = histogram.apply(run);
        SortedMap<Long, Long> ref = new TreeMap<>();
        reference.forEach(r -> histogram.apply(r).forEach((k, v) -> ref.merge(k, v, Long::sum)));
        long max = Math.max(now.isEmpty() ? 1 : now.lastKey(), ref.isEmpty() ? 1 : ref.lastKey());
        List<String> bins = Bins.labels(max);
        double[] c = DriftStatistics.shares(Bins.counts(now, bins.size()));
        double[] r = DriftStatistics.shares(Bins.counts(ref, bins.size()));
        if (reference.isEmpty()) {
            return Figure.none(name, "ks", "no reference yet", bins, c);
        }
        if (now.isEmpty() || ref.isEmpty()) {
            return new Figure(name, "ks", Double.NaN, Double.NaN, Figure.Level.NONE,
                    now.isEmpty() ? "none in this run" : "none in the reference", bins, c, r);
        }
        DriftStatistics.Ks ks = DriftStatistics.ks(Bins.values(now), Bins.values(ref));
        Figure.Level level = ks.p() < settings.ksSignificance() ? level(name, ks.d()) : Figure.Level.OK;
        return new Figure(name, "ks", ks.d(), ks.p(), level, "", bins, c, r);
    }

    private Figure.Level level(String name, double value) {
        DriftSettings.Levels l = settings.levels(name);
        return value >= l.stop() ? Figure.Level.STOP : value >= l.warn() ? Figure.Level.WARN : Figure.Level.OK;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
