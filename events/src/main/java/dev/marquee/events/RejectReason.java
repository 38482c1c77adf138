package dev.marquee.events;

/** Why a log line was rejected; {@link #code()} is stable and safe to store or use as a metric label. */
public enum RejectReason {
    EMPTY("empty"),
    TOO_FEW_FIELDS("too_few_fields"),
    BAD_TIME("bad_time"),
    BAD_USER("bad_user"),
    BAD_MOVIE("bad_movie"),
    BAD_RATING("bad_rating"),
    BAD_MINUTE("bad_minute"),
    BAD_RECOMMENDATION("bad_recommendation"),
    UNKNOWN_KIND("unknown_kind");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** Stable lower-case code. */
    public String code() {
        return code;
    }
}
