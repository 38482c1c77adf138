package dev.marquee.batch.models;

import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tuned models search their grid tonight ({@code eval.grids-per-night}), and the settings the
 * others carry. A model with nothing to carry (no version served yet, a model new to the night, or a
 * carried setting no longer in its grid) always searches; then, up to the limit, those whose grid was
 * searched longest ago (ties in the candidates' order). The carried settings are the chosen tuning
 * points of the serving version's lineage, each with the data end of the night that searched for it.
 */
public final class Retuning {
    private final Map<String, TuningPoint> carried;
    private final int gridsPerNight;

    Retuning(Map<String, TuningPoint> carried, int gridsPerNight) {
        this.carried = Map.copyOf(carried);
        this.gridsPerNight = gridsPerNight;
    }

    /** Every grid searched every night, nothing carried (a backtest, or {@code grids-per-night = 0}). */
    public static Retuning everyGrid() {
        return new Retuning(Map.of(), 0);
    }

    /** Carrying the serving version's chosen settings, at most {@code gridsPerNight} grids a night (0: all). */
    public static Retuning fromServing(StoreLayout store, int gridsPerNight) {
        if (gridsPerNight == 0) {
            return everyGrid();
        }
        Map<String, TuningPoint> chosen = new LinkedHashMap<>();
        store.current().flatMap(v -> VersionHistory.manifest(store, v)).map(Manifest::lineage)
                .map(l -> l.get("tuning")).ifPresent(t -> chosen.putAll(chosen(t)));
        return new Retuning(chosen, gridsPerNight);
    }

    /** Of the models whose {@code grids} (in order) can be tuned tonight, those that search them. */
    public Set<String> searchTonight(Map<String, List<Setting>> grids) {
        if (gridsPerNight == 0) {
            return new LinkedHashSet<>(grids.keySet());
        }
        Set<String> search = new LinkedHashSet<>();
        List<String> carriable = new ArrayList<>();
        grids.forEach((model, grid) -> {
            if (carried(model, grid).isPresent()) {
                carriable.add(model);
            } else {
                search.add(model);
            }
        });
        carriable.sort(Comparator.comparing(m -> carried.get(m).searched()));
        for (String model : carriable) {
            if (search.size() >= gridsPerNight) {
                break;
            }
            search.add(model);
        }
        return search;
    }

    /** The setting {@code model} carries: the one an earlier search chose, if it is still in {@code grid}. */
    public Optional<TuningPoint> carried(String model, List<Setting> grid) {
        TuningPoint p = carried.get(model);
        return p != null && grid.contains(p.setting()) ? Optional.of(p) : Optional.empty();
    }

    /** The chosen points of a lineage's {@code tuning} list (maps as the manifest's JSON holds them), by model. */
    static Map<String, TuningPoint> chosen(Object tuning) {
        Map<String, TuningPoint> out = new LinkedHashMap<>();
        if (!(tuning instanceof List<?> points)) {
            return out;
        }
        for (Object o : points) {
            if (o instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("chosen")) && p.get("model") instanceof String model
                    && p.get("setting") instanceof Map<?, ?> setting && setting.get("values") instanceof Map<?, ?> values) {
                Map<String, Double> v = new LinkedHashMap<>();
                values.forEach((k, x) -> v.put(String.valueOf(k), x instanceof Number n ? n.doubleValue() : Double.NaN));
                double ndcg = p.get("ndcg") instanceof Number n ? n.doubleValue() : Double.NaN;
                String searched = p.get("searched") instanceof String s ? s : "";
                out.put(model, new TuningPoint(model, new Setting(v), ndcg, true, Boolean.TRUE.equals(p.get("carried")), searched));
            }
        }
        return out;
    }
}
