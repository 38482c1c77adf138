package dev.marquee.devkit.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a simulated log held so far.
 *
 * @param lines                  every line, garbage included
 * @param accounts               {@code GET /create_account} lines
 * @param watches                watch-minute lines
 * @param ratings                rating lines (on 1..5)
 * @param recommendations        recommendation-request lines, failed ones included
 * @param failedRecommendations  recommendation requests logged with {@code status 0}
 * @param garbage                garbage lines
 * @param garbageByKind          garbage lines by kind, in {@link GarbageKind} order
 */
public record SimTotals(long lines, long accounts, long watches, long ratings, long recommendations,
                        long failedRecommendations, long garbage, Map<GarbageKind, Long> garbageByKind) {

    public SimTotals {
        Map<GarbageKind, Long> ordered = new EnumMap<>(GarbageKind.class);
        ordered.putAll(garbageByKind);
        garbageByKind = Collections.unmodifiableMap(ordered);
    }

    /** Lines that are real events. */
    public long events() {
        return lines - garbage;
    }
}
