package dev.marquee.devkit.sim;

import java.util.List;

/**
 * One answer a reacting user got from the service, and what they did with it.
 *
 * @param user      the user id asked for
 * @param timeMs    when it counts as answered, epoch milliseconds on the simulated clock (never before the service
 *                  answered in real time); the user's lines after it follow it
 * @param status    the HTTP status, or -1 when no answer came (connection refused, timeout)
 * @param version   the store version that answered (JSON {@code version}); null without an answer
 * @param arm       the A/B arm that answered (JSON {@code arm}); null without an answer
 * @param items     the movie ids shown, best first; empty without an answer
 * @param coldStart whether the service answered with its cold-start list
 * @param picked    the position (0-based) of the movie the user went on to watch, or -1 when they took none
 */
public record ServiceAnswer(long user, long timeMs, int status, String version, String arm, List<String> items,
                            boolean coldStart, int picked) {

    public ServiceAnswer {
        items = List.copyOf(items);
    }

    /** Whether the service answered with a list. */
    public boolean ok() {
        return status == 200;
    }

    /** The movie the user went on to watch, or null. */
    public String pickedItem() {
        return picked < 0 ? null : items.get(picked);
    }

    /** This answer timed at {@code answeredMs} and followed by the pick at {@code position}. */
    ServiceAnswer reacted(long answeredMs, int position) {
        return new ServiceAnswer(user, answeredMs, status, version, arm, items, coldStart, position);
    }
}
