package dev.marquee.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Promotes an A/B arm that won: a new version whose main lists are the arm's (users the arm lacks
 * keep the old main list), with the same cold-start list and no arms, then CURRENT points at it.
 * The old version stays on disk, so a rollback is the usual one command.
 */
public final class ArmPromotion {

    private ArmPromotion() {
    }

    /**
     * Writes and promotes the new version; returns its manifest.
     *
     * @throws StoreException if there is no current version
     * @throws IllegalArgumentException if the current version has no such arm
     */
    public static Manifest promote(StoreLayout layout, String arm) {
        String from = layout.current().orElseThrow(() -> new StoreException("no current version: nothing to promote"));
        Manifest manifest;
        try (StoreReader reader = StoreReader.open(layout, from)) {
            if (!reader.arms().contains(arm)) {
                throw new IllegalArgumentException("version " + from + " has no arm " + arm + " (arms: " + reader.arms() + ")");
            }
            String versionId = layout.nextVersionId();
            try (StoreWriter writer = StoreWriter.create(layout, versionId)) {
                byte[] cold = reader.coldStart();
                float[] coldScores = reader.scores(cold);
                writer.coldStart(reader.ids(cold), coldScores.length == 0 ? null : coldScores);
                // The arm's lists, and the main list of every user the arm lacks, in user order.
                reader.forEach(StoreWriter.MAIN_ARM, (user, ids, scores) -> {
                    byte[] armValue = reader.get(arm, user);
                    if (armValue != null) {
                        float[] s = reader.scores(armValue);
                        writer.put(user, reader.ids(armValue), s.length == 0 ? null : s);
                    } else {
                        writer.put(user, ids, scores.length == 0 ? null : scores);
                    }
                });
                Map<String, Object> lineage = new LinkedHashMap<>();
                lineage.put("promotedArm", Map.of("arm", arm, "from", from, "armLineage",
                        armLineage(reader.manifest(), arm)));
                lineage.put("from", reader.manifest().lineage());
                manifest = writer.publish(lineage);
            }
        }
        layout.promote(manifest.versionId());
        return manifest;
    }

    private static Object armLineage(Manifest m, String arm) {
        Object arms = m.lineage().get("arms");
        if (arms instanceof Map<?, ?> byArm && byArm.get(arm) != null) {
            return byArm.get(arm);
        }
        return Map.of();
    }

    /** The arms of the current version, for a caller that wants to list them first. */
    public static List<String> arms(StoreLayout layout) {
        String current = layout.current().orElseThrow(() -> new StoreException("no current version"));
        return List.copyOf(Manifest.read(layout.versionDir(current).resolve(Manifest.FILE_NAME)).arms().keySet());
    }
}
