package dev.marquee.devkit.sim;

import java.util.List;
import java.util.Random;

/** Generated movie titles and genres from small word lists, e.g. "The Silent Harbor (1987)". */
final class Titles {

    /** The genre names, in a fixed order. */
    static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Horror", "Mystery", "Romance", "Sci-Fi", "Thriller", "Western");

    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Last", "Hidden", "Broken", "Golden",
        "Lonely", "Electric", "Frozen", "Burning", "Secret", "Wild", "Distant", "Midnight", "Forgotten", "Iron",
        "Velvet", "Savage", "Gentle", "Endless", "Hollow", "Bright", "Dark", "Lucky", "Restless", "Northern",
        "Paper", "Glass", "Stolen", "Final"};
    private static final String[] NOUNS = {"Harbor", "Kingdom", "River", "Garden", "Station", "Empire",
        "Shadow", "Horizon", "Letter", "Island", "Mirror", "Witness", "Frontier", "Orchard", "Signal", "Voyage",
        "Promise", "Circus", "Engine", "Lighthouse", "Summer", "Winter", "Detective", "Stranger", "Machine",
        "Dragon", "Canyon", "Symphony", "Crossing", "Heist"};
    private static final String[] PLACES = {"Paris", "Tokyo", "the Moon", "Mars", "Brooklyn", "the Desert",
        "Nowhere", "the North", "Venice", "the Sea", "Tomorrow", "the Valley"};

    private Titles() {
    }

    /** A title with a year in parentheses, drawn from {@code rnd}. */
    static String title(Random rnd) {
        String adj = ADJECTIVES[rnd.nextInt(ADJECTIVES.length)];
        String noun = NOUNS[rnd.nextInt(NOUNS.length)];
        String words = switch (rnd.nextInt(6)) {
            case 0 -> "The " + adj + " " + noun;
            case 1 -> adj + " " + noun;
            case 2 -> "The " + noun + " of " + PLACES[rnd.nextInt(PLACES.length)];
            case 3 -> noun + " in " + PLACES[rnd.nextInt(PLACES.length)];
            case 4 -> "A " + adj + " " + noun;
            default -> "The " + adj + " " + noun + " " + (2 + rnd.nextInt(3));
        };
        return words + " (" + (1950 + rnd.nextInt(75)) + ")";
    }
}
