package dev.marquee.batch.ingest;

import dev.marquee.batch.config.Validation;
import java.util.List;

/** The run-level expectations: rejected share and volume against recent runs. */
public final class Expectations {
    private Expectations() {}

    /** The median record count of the last {@code history} runs, or -1 when fewer than min-history ran. */
    public static double volumeMedian(List<IngestCommit> commits, Validation v) {
        if (commits.size() < v.volumeMinHistory()) {
            return -1;
        }
        List<Long> recent = commits.subList(Math.max(0, commits.size() - v.volumeHistory()), commits.size()).stream()
                .map(IngestCommit::records).sorted().toList();
        int n = recent.size();
        return n % 2 == 1 ? recent.get(n / 2) : (recent.get(n / 2 - 1) + recent.get(n / 2)) / 2.0;
    }

    /** {@link DataReport#ACCEPTED}, or the first expectation the run breaks. */
    public static String verdict(long records, long rejected, double volumeMedian, Validation v) {
        double share = records == 0 ? 0 : (double) rejected / records;
        if (share > v.maxRejectedShare()) {
            return String.format("%.1f%% of the records were rejected, more than the %.1f%% allowed"
                    + " (marquee.batch.validation.max-rejected-share)", 100 * share, 100 * v.maxRejectedShare());
        }
        if (volumeMedian >= 0) {
            double factor = records / Math.max(1.0, volumeMedian);
            if (factor < v.volumeMinFactor() || factor > v.volumeMaxFactor()) {
                return String.format("%,d records is %.2fx the median of recent runs (%,.0f), outside the band"
                        + " %.2fx..%.2fx (marquee.batch.validation.volume)", records, factor, volumeMedian,
                        v.volumeMinFactor(), v.volumeMaxFactor());
            }
        }
        return DataReport.ACCEPTED;
    }
}
