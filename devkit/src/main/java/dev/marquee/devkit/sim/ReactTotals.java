package dev.marquee.devkit.sim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the reacting users did so far.
 *
 * @param sessions        viewing sessions begun
 * @param users           distinct users who had one
 * @param answers         answers asked for
 * @param failedAnswers   of them, not a 200 with a list (an error status, or no answer at all)
 * @param reactions       answers after which the user watched one of the movies shown
 * @param lines           log lines written
 * @param watches         watch-minute lines among them
 * @param ratings         rating lines among them
 * @param cut             lines of sessions still running at the end, not written
 * @param answersByArm    answers with a list, by the arm named in them
 * @param reactionsByArm  reactions, by the arm of the answer reacted to
 */
public record ReactTotals(long sessions, long users, long answers, long failedAnswers, long reactions, long lines,
                          long watches, long ratings, long cut, Map<String, Long> answersByArm,
                          Map<String, Long> reactionsByArm) {

    public ReactTotals {
        answersByArm = Collections.unmodifiableMap(new TreeMap<>(answersByArm));
        reactionsByArm = Collections.unmodifiableMap(new TreeMap<>(reactionsByArm));
    }

    /** Reactions per answer with a list, by arm. */
    public Map<String, Double> reactionRateByArm() {
        Map<String, Double> rates = new TreeMap<>();
        answersByArm.forEach((arm, n) -> rates.put(arm, reactionsByArm.getOrDefault(arm, 0L) / (double) n));
        return rates;
    }

    /** A few lines for people. */
    public String describe(double seconds, String where) {
        StringBuilder sb = new StringBuilder(String.format("reacting users: %,d answers (%,d failed) in %.1f s"
                + " (%,.0f answers/s), %,d reactions; %,d sessions of %,d users; %,d lines to %s (%,d watch minutes,"
                + " %,d ratings), %,d cut at the end", answers, failedAnswers, seconds,
                answers / Math.max(seconds, 1e-9), reactions, sessions, users, lines, where, watches, ratings, cut));
        reactionRateByArm().forEach((arm, rate) -> sb.append(String.format("%n  arm %s: %,d answers, %,d reactions"
                + " (%.1f%%)", arm, answersByArm.get(arm), reactionsByArm.getOrDefault(arm, 0L), 100 * rate)));
        return sb.toString();
    }
}
