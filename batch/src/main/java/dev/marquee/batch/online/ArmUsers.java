package dev.marquee.batch.online;

/**
 * One store version's arm, counted by users (the unit the A/B split randomises): users with at
 * least one judged 200 answer from it, and how many of them hit at least once.
 *
 * @param version the store version
 * @param arm the arm
 * @param users users it answered (windows ended)
 * @param usersHit of those, users who started or rated one of its movies within a window
 */
public record ArmUsers(String version, String arm, long users, long usersHit) {
}
