package dev.marquee.events;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Movie ids from titles: {@code "Matrix, The (1999)"} becomes {@code the+matrix+1999}. Trailing articles move to
 * the front, accents are stripped, everything is lower-cased and each run of other characters becomes one '+'.
 */
public final class Slugs {

    /** What a title with no letters or digits left becomes. */
    public static final String UNTITLED = "untitled";

    private static final Pattern YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-\u2013]\\d{0,4})?\\)\\s*$");
    private static final String ARTICLES = "The|A|An|Les|La|Le|L'|Il|Lo|Gli|Das|Der|Die|Den|Det|El|Los|Las|Un|Une|Ein|Eine|Het|De";
    /** "Matrix, The" and also "City of Lost Children, The (Cite des enfants perdus, La)". */
    private static final Pattern TRAILING_ARTICLE =
            Pattern.compile("^(.+?),\\s*(" + ARTICLES + ")(\\s*\\(.*\\))?$");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");

    private Slugs() {
    }

    /** The slug for a title that may end with a year in parentheses; never empty, never null. */
    public static String slug(String title) {
        String t = title == null ? "" : title.strip();
        String year = null;
        Matcher y = YEAR.matcher(t);
        if (y.matches()) {
            t = y.group(1);
            year = y.group(2);
        }
        Matcher a = TRAILING_ARTICLE.matcher(t);
        if (a.matches()) {
            t = a.group(2) + " " + a.group(1) + (a.group(3) == null ? "" : a.group(3));
        }
        String words = plus(fold(t));
        if (words.isEmpty()) {
            words = UNTITLED;
        }
        return year == null ? words : words + "+" + year;
    }

    /** Strips accents and folds the letters NFD leaves alone (ß, æ, ø, œ, ł, đ, þ), lower-cased. */
    static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String stripped = COMBINING.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder sb = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            switch (c) {
                case '\u00df' -> sb.append("ss");
                case '\u00e6' -> sb.append("ae");
                case '\u00f8' -> sb.append('o');
                case '\u0153' -> sb.append("oe");
                case '\u0142' -> sb.append('l');
                case '\u0111', '\u00f0' -> sb.append('d');
                case '\u00fe' -> sb.append("th");
                case '\u0131' -> sb.append('i');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Each run of characters outside [a-z0-9] becomes one '+', none at either end. */
    static String plus(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pending = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (pending && sb.length() > 0) {
                    sb.append('+');
                }
                pending = false;
                sb.append(c);
            } else {
                pending = true;
            }
        }
        return sb.toString();
    }
}
