package dev.marquee.events;

/**
 * What a movie id may look like, the one definition: {@link #isValid} is what the log's grammar
 * accepts (1 to {@value #MAX_LENGTH} chars, no whitespace, no ',', '/' or '='; the parser rejects anything else as
 * {@code bad_movie}); {@link #isSlug} is the stricter form the platform's ids have ({@link Slugs}
 * makes them; the batch job rejects other valid ids as {@code bad_movie_slug}).
 */
public final class MovieIds {

    /**
     * The longest id accepted. Slugs come from titles (the longest real ones are about 200 chars);
     * a longer "id" is garbage, and one that got in would travel into every list that ranks it.
     */
    public static final int MAX_LENGTH = 256;

    private MovieIds() {
    }

    /** True when {@code id} is an acceptable movie id. */
    public static boolean isValid(String id) {
        return id != null && isValid(id, 0, id.length());
    }

    static boolean isValid(String s, int from, int to) {
        if (from >= to || to - from > MAX_LENGTH) {
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

    /**
     * Lower-case ASCII letters and digits in runs joined by single '+', as {@code the+matrix+1999}.
     * Every slug is {@link #isValid valid}.
     */
    public static boolean isSlug(String id) {
        int n = id.length();
        if (n == 0 || id.charAt(0) == '+' || id.charAt(n - 1) == '+') {
            return false;
        }
        char previous = ' ';
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '+' && previous != '+');
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
