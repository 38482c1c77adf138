package dev.marquee.devkit.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.events.Event;
import dev.marquee.events.RateEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Helpers the simulator's tests share. */
final class Stats {

    private Stats() {
    }

    /** Every remaining line. */
    static List<String> all(Iterator<String> lines) {
        List<String> out = new ArrayList<>();
        lines.forEachRemaining(out::add);
        return out;
    }

    /**
     * The ratings among {@code events} correlate with what {@code truth} says they were drawn from: more than 0.7
     * with the expected rating, more than 0.5 with the taste affinity alone.
     */
    static void assertRatingsFollowTheTastes(List<Event> events, World truth) {
        List<double[]> expected = new ArrayList<>();
        List<double[]> taste = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof RateEvent r) {
                expected.add(new double[] {r.rating(), truth.expectedRating(r.userId(), r.movieId())});
                taste.add(new double[] {r.rating(), truth.affinity(r.userId(), r.movieId())});
            }
        }
        double withBiases = pearson(expected);
        double tasteOnly = pearson(taste);
        assertTrue(withBiases > 0.7, "pearson(rating, expected) = " + withBiases);
        assertTrue(tasteOnly > 0.5, "pearson(rating, taste affinity) = " + tasteOnly);
    }

    /** Pearson correlation of the pairs {x, y}. */
    static double pearson(List<double[]> xy) {
        double n = xy.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (double[] p : xy) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            syy += p[1] * p[1];
            sxy += p[0] * p[1];
        }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }
}
