package dev.marquee.devkit.sim;

import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.LogTimes;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.util.Random;

/** Makes one garbage line of a given {@link GarbageKind}, from the real line just before it. */
final class Garbage {

    private static final int[] OFF_SCALE = {0, 6, 7, 10, -1, -3, 11, 42, 100};
    private static final String[] UNKNOWN = {"GET /search?q=%s", "POST /rate/%s=4", "GET /data/x/%s/3.mpg",
        "GET /login", "DELETE /account", "GET /rate", "get /data/m/%s/0.mpg", "GET /recommend/%s"};
    private static final String TEXT_CHARS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 ,.:;/=+-_?!#%&*()[]{}\"'é";

    private final World world;
    private final Random rnd;

    Garbage(World world, Random rnd) {
        this.world = world;
        this.rnd = rnd;
    }

    /** A random kind, each with its {@link GarbageKind#share()}. */
    GarbageKind kind() {
        double x = rnd.nextDouble();
        GarbageKind[] kinds = GarbageKind.values();
        for (GarbageKind k : kinds) {
            x -= k.share();
            if (x < 0) {
                return k;
            }
        }
        return kinds[kinds.length - 1];
    }

    /** A line of {@code kind}, made from the real event {@code e} whose line is {@code line}. */
    String line(GarbageKind kind, Event e, String line) {
        String time = LogTimes.format(e.time());
        String user = Long.toString(e.userId());
        return switch (kind) {
            case MALFORMED -> malformed(line);
            case UNKNOWN_KIND -> time + "," + user + "," + String.format(UNKNOWN[rnd.nextInt(UNKNOWN.length)],
                    movie(e));
            case OFF_SCALE_RATING -> time + "," + user + ",GET /rate/" + movie(e) + "="
                    + OFF_SCALE[rnd.nextInt(OFF_SCALE.length)];
            case BAD_TIME -> badTime(time) + "," + user + "," + request(e, movie(e));
            case BAD_USER -> time + "," + badUser(user) + "," + request(e, movie(e));
            case BAD_MOVIE -> time + "," + user + "," + request(e, badMovie(movie(e)));
            case DUPLICATE -> line;
        };
    }

    private String malformed(String line) {
        if (rnd.nextBoolean() && line.length() > 1) {
            String cut = line.substring(0, 1 + rnd.nextInt(line.length() - 1));
            if (!(EventParser.parse(cut) instanceof Parsed)) {
                return cut;
            }
        }
        while (true) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(TEXT_CHARS.charAt(rnd.nextInt(TEXT_CHARS.length())));
            }
            String text = sb.toString();
            if (!(EventParser.parse(text) instanceof Parsed)) {
                return text;
            }
        }
    }

    private String badTime(String time) {
        return switch (rnd.nextInt(4)) {
            case 0 -> time.substring(0, 5) + "13" + time.substring(7);
            case 1 -> time.substring(0, 8) + "32" + time.substring(10);
            case 2 -> time.substring(0, 11) + "24" + time.substring(13);
            default -> (Integer.parseInt(time.substring(0, 4)) + 100) + time.substring(4);
        };
    }

    private String badUser(String user) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "-" + user;
            case 1 -> "user" + user;
            case 2 -> user + "x";
            default -> "";
        };
    }

    /** The movie's title (with spaces: the parser rejects it) or its slug in title case (not a slug). */
    private String badMovie(String slug) {
        if (rnd.nextBoolean()) {
            return world.catalogue().bySlug(slug).orElseThrow().title();
        }
        StringBuilder sb = new StringBuilder(slug.length());
        boolean wordStart = true;
        for (int i = 0; i < slug.length(); i++) {
            char c = slug.charAt(i);
            sb.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '+';
        }
        if (sb.toString().equals(slug)) {
            sb.append("+X"); // all-digit words have no upper case
        }
        return sb.toString();
    }

    private String request(Event e, String movie) {
        if (e instanceof RateEvent r) {
            return "GET /rate/" + movie + "=" + r.rating();
        }
        int minute = e instanceof WatchEvent w ? w.minute() : rnd.nextInt(90);
        return "GET /data/m/" + movie + "/" + minute + ".mpg";
    }

    private String movie(Event e) {
        if (e instanceof RateEvent r) {
            return r.movieId();
        }
        if (e instanceof WatchEvent w) {
            return w.movieId();
        }
        return world.slug(world.drawMovie(rnd));
    }
}
