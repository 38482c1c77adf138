package dev.marquee.batch.eval;

/**
 * How the models were evaluated.
 *
 * @param holdout e.g. "latest-per-user"
 * @param testPerUser interactions held out per test user
 * @param minHistory users with fewer interactions stay wholly in train
 * @param k list cut-off of the ranking metrics
 * @param usersEvaluated test users
 */
public record Protocol(String holdout, int testPerUser, int minHistory, int k, long usersEvaluated) {
}
