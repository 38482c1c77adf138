package dev.marquee.batch;

import java.util.List;
import java.util.Map;

/**
 * What a nightly run produced.
 *
 * @param versionId the store version it published and made current
 * @param records log records read
 * @param countsByKind parsed rows per event kind ({@code rejected} included)
 * @param rejectedByReason rejected lines per reason code
 * @param users users with a personal list
 * @param movies movies known to the run
 * @param ratings (user, movie) ratings trained on
 * @param coldStart the cold-start list
 * @param model the published model's name
 * @param ndcg its NDCG@K on the holdout
 * @param elapsedMs the run's wall time
 * @param phases each phase's name, wall time and CPU time, in order
 * @param drift the run's drift figures by name ({@code drift_ratings_psi}, ...; docs/drift.md), empty
 *     when drift was not measured
 */
public record JobResult(
        String versionId,
        long records,
        Map<String, Long> countsByKind,
        Map<String, Long> rejectedByReason,
        long users,
        int movies,
        long ratings,
        List<String> coldStart,
        String model,
        double ndcg,
        long elapsedMs,
        List<PhaseTime> phases,
        Map<String, Double> drift) {}
