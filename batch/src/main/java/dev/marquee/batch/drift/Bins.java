package dev.marquee.batch.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** Power-of-two bins (1, 2, 3-4, 5-8, ...) for showing a sample of counts, and a histogram expanded to values. */
final class Bins {
    private Bins() {}

    /** The bin of a value: 0 for 1 (or less), k for (2^(k-1), 2^k]. */
    static int of(long value) {
        return value <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(value - 1);
    }

    /** Labels of the bins up to the one holding {@code max}. */
    static List<String> labels(long max) {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k <= of(max); k++) {
            long hi = 1L << k;
            long lo = k == 0 ? 1 : (hi >> 1) + 1;
            labels.add(lo == hi ? String.valueOf(hi) : lo + "-" + hi);
        }
        return labels;
    }

    /** A histogram's counts per bin. */
    static double[] counts(SortedMap<Long, Long> histogram, int bins) {
        double[] out = new double[bins];
        histogram.forEach((v, n) -> out[of(v)] += n);
        return out;
    }

    /** The sample a histogram describes, each value as often as counted, in increasing order. */
    static double[] values(SortedMap<Long, Long> histogram) {
        int n = Math.toIntExact(histogram.values().stream().mapToLong(Long::longValue).sum());
        double[] out = new double[n];
        int i = 0;
        for (var e : histogram.entrySet()) {
            for (long k = 0; k < e.getValue(); k++) {
                out[i++] = e.getKey();
            }
        }
        return out;
    }
}
