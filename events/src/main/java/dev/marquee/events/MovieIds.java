package dev.marquee.events;

/** What a movie id in the log may look like: non-empty, no whitespace, no ',', '/' or '='. */
public final class MovieIds {

    private MovieIds() {
    }

    /** True when {@code id} is an acceptable movie id. */
    public static boolean isValid(String id) {
        return id != null && isValid(id, 0, id.length());
    }

    static boolean isValid(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '/' || c == '=' || c <= ' ' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
