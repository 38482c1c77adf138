package dev.marquee.batch.rank;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training did, for logs and the store's lineage.
 *
 * @param targetUsers target users sampled for training
 * @param users users whose candidates held a taken movie (they gave lists)
 * @param lists training lists
 * @param parameters the model's parameter count
 * @param epochLosses mean listwise loss per epoch
 * @param examplesMs time to build the lists (Spark)
 * @param trainMs time to train (DJL)
 * @param parity largest |DJL score - plain-Java score| on some candidates
 * @param device the DJL device trained on ({@code none} when there was nothing to learn from)
 */
public record TrainingReport(long targetUsers, int users, int lists, int parameters, float[] epochLosses,
        long examplesMs, long trainMs, float parity, String device) {

    /** For the manifest's lineage. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetUsers", targetUsers);
        m.put("users", users);
        m.put("lists", lists);
        m.put("parameters", parameters);
        m.put("epochLosses", Arrays.toString(epochLosses));
        m.put("examplesMs", examplesMs);
        m.put("trainMs", trainMs);
        m.put("device", device);
        return m;
    }

    @Override
    public String toString() {
        return "TrainingReport" + describe() + " parity=" + parity;
    }
}
