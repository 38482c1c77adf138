package dev.marquee.batch.eval.holdout;

/**
 * How the models were evaluated (ADR 9): a global time cut.
 *
 * @param holdout "time-cut"
 * @param cut models learned from every event up to this time
 * @param end the test window is {@code (cut, end]}
 * @param validationCut tuning learned up to here and was judged on {@code (validationCut, cut]}
 * @param k list cut-off of the ranking metrics
 * @param usersEvaluated returning users with a new movie in the window (every model judged on exactly these)
 * @param newUsers users first seen in the window (judged on the cold-start list)
 * @param unreachableShare share of the window's new user-movie pairs whose movie was unknown at the cut
 * @param userShare share of the platform's users the models were tuned and compared on (1: all; less
 *     above {@code eval.select-sample-users}, a hash sample with whole histories)
 */
public record Protocol(String holdout, String cut, String end, String validationCut, int k, long usersEvaluated,
        long newUsers, double unreachableShare, double userShare) {
}
