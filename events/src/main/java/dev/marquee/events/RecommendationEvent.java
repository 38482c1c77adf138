package dev.marquee.events;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The platform asked a recommendation server and logged its answer:
 * {@code recommendation request <server>, status <code>, result: <result>, <latencyMs> ms}.
 *
 * @param server  {@code host:port} that was asked; non-empty, without ", " or line breaks
 * @param status  HTTP status; 0 when the request failed without an answer
 * @param result  the answer as logged (comma-separated movie ids, or an error text); no line breaks
 * @param latencyMs non-negative
 */
public record RecommendationEvent(LocalDateTime time, long userId, String server, int status, String result,
                                  long latencyMs) implements Event {

    public RecommendationEvent {
        Checks.common(time, userId);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(result, "result");
        if (server.isEmpty() || server.contains(", ") || hasLineBreak(server)) {
            throw new IllegalArgumentException("invalid server: '" + server + "'");
        }
        if (hasLineBreak(result)) {
            throw new IllegalArgumentException("result must be one line");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be non-negative: " + latencyMs);
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }
}
