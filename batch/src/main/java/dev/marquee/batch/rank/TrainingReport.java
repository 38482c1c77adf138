package dev.marquee.batch.rank;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training did, for logs and the store's lineage.
 *
 * @param users users with held-out interactions among their candidates (before sampling)
 * @param examples training pairs
 * @param positives pairs with label 1
 * @param epochLosses mean BCE per epoch
 * @param examplesMs time to draw the examples (Spark)
 * @param trainMs time to train (DJL)
 * @param parity largest |DJL logit - plain-Java logit| on 256 examples
 * @param device the DJL device trained on
 */
public record TrainingReport(long users, int examples, int positives, float[] epochLosses, long examplesMs,
        long trainMs, float parity, String device) {

    /** For the manifest's lineage. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", users);
        m.put("examples", examples);
        m.put("positives", positives);
        m.put("epochLosses", Arrays.toString(epochLosses));
        m.put("trainMs", trainMs);
        m.put("device", device);
        return m;
    }

    @Override
    public String toString() {
        return "TrainingReport" + describe() + " examplesMs=" + examplesMs + " parity=" + parity;
    }
}
