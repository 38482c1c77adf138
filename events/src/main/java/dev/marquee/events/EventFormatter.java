package dev.marquee.events;

/** Writes an {@link Event} as its log line: the exact inverse of {@link EventParser#parse(String)}. */
public final class EventFormatter {

    private EventFormatter() {
    }

    /** The log line for {@code e}, without a line terminator. */
    public static String format(Event e) {
        StringBuilder sb = new StringBuilder(64);
        LogTimes.append(sb, e.time());
        sb.append(',').append(e.userId()).append(',');
        if (e instanceof RateEvent r) {
            sb.append(EventParser.RATE).append(r.movieId()).append('=').append(r.rating());
        } else if (e instanceof WatchEvent w) {
            sb.append(EventParser.WATCH).append(w.movieId()).append('/').append(w.minute())
                    .append(EventParser.WATCH_SUFFIX);
        } else if (e instanceof RecommendationEvent r) {
            sb.append(EventParser.RECOMMENDATION).append(r.server())
                    .append(EventParser.STATUS).append(r.status())
                    .append(EventParser.RESULT).append(r.result())
                    .append(", ").append(r.latencyMs()).append(EventParser.MS);
        } else if (e instanceof AccountEvent) {
            sb.append(EventParser.ACCOUNT);
        } else {
            throw new IllegalArgumentException("unknown event type: " + e);
        }
        return sb.toString();
    }
}
