package dev.marquee.devkit.sim;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the reacting users do ({@link ReactingLog}).
 *
 * @param service         base URL of the recommendation service ({@code http://127.0.0.1:8082})
 * @param answers         stop after this many answers (failed ones included)
 * @param sessionsPerHour viewing sessions that begin per simulated hour (Poisson arrivals)
 * @param askShare        share of sessions that begin by asking the service, in (0, 1]; the others are organic
 * @param speed           simulated seconds per real second; infinite: as fast as the service answers
 * @param maxLead         the simulated clock never runs further than this ahead of real time (it waits instead)
 * @param tail            after the last answer, lines of sessions in progress are written up to this much later on
 *                        the simulated clock; later ones are cut
 * @param zone            the platform's zone: log times are wall times in it (as the service and batch job read them)
 * @param model           how users take what they are shown
 * @param seed            users, choices and sessions follow from it (and from the service's answers)
 */
public record ReactConfig(URI service, long answers, double sessionsPerHour, double askShare, double speed,
                          Duration maxLead, Duration tail, ZoneId zone, ReactionModel model, long seed) {

    public ReactConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(maxLead, "maxLead");
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(model, "model");
        if (answers < 1 || !(sessionsPerHour > 0) || !(askShare > 0 && askShare <= 1) || !(speed > 0)
                || maxLead.isNegative() || tail.isNegative()) {
            throw new IllegalArgumentException("need answers >= 1, sessionsPerHour > 0, askShare in (0, 1], speed > 0,"
                    + " maxLead and tail not negative: " + this);
        }
    }

    /**
     * {@code answers} answers from {@code service}: 3600 sessions an hour, half of them asking, 60 times real time
     * but at most 30 minutes ahead of it, a 15-minute tail, UTC, {@link ReactionModel#DEFAULT}, seed 42.
     */
    public static ReactConfig of(URI service, long answers) {
        return new ReactConfig(service, answers, 3600, 0.5, 60, Duration.ofMinutes(30), Duration.ofMinutes(15),
                ZoneOffset.UTC, ReactionModel.DEFAULT, 42L);
    }

    /** A copy that runs as fast as the service answers, with no bound on how far the clock runs ahead. */
    public ReactConfig unpaced() {
        return new ReactConfig(service, answers, sessionsPerHour, askShare, Double.POSITIVE_INFINITY,
                Duration.ofDays(3650), tail, zone, model, seed);
    }

    /** A copy where a share {@code share} of sessions asks the service. */
    public ReactConfig withAskShare(double share) {
        return new ReactConfig(service, answers, sessionsPerHour, share, speed, maxLead, tail, zone, model, seed);
    }

    /** A copy where {@code perHour} sessions begin per simulated hour. */
    public ReactConfig withSessionsPerHour(double perHour) {
        return new ReactConfig(service, answers, perHour, askShare, speed, maxLead, tail, zone, model, seed);
    }

    /** A copy with another seed. */
    public ReactConfig withSeed(long newSeed) {
        return new ReactConfig(service, answers, sessionsPerHour, askShare, speed, maxLead, tail, zone, model, newSeed);
    }
}
