package dev.marquee.devkit.replay;

/** The data set formats {@link DatasetReader} knows, each with its rating scale. */
public enum DatasetFormat {
    /** {@code ratings.dat} + {@code movies.dat} (UTF-8) + {@code users.dat} of {@code user::twitter_id}; 0..10. */
    MOVIETWEETINGS("movietweetings", new RatingScale(0, 10)),
    /** {@code ratings.dat} + {@code movies.dat} (ISO-8859-1), MovieLens 1M; 1..5. */
    MOVIELENS_1M("movielens-1m", new RatingScale(1, 5)),
    /** {@code u.data} + {@code u.item}, MovieLens 100k; 1..5. */
    MOVIELENS_100K("movielens-100k", new RatingScale(1, 5)),
    /** {@code ratings.csv} + {@code movies.csv} (MovieLens latest, 20M, 25M...): half stars carried doubled, 1..10. */
    MOVIELENS_CSV("movielens-csv", new RatingScale(1, 10));

    private final String code;
    private final RatingScale scale;

    DatasetFormat(String code, RatingScale scale) {
        this.code = code;
        this.scale = scale;
    }

    /** Stable lower-case name, as in {@link RatingsDataset#format()}. */
    public String code() {
        return code;
    }

    /** The format's rating scale. */
    public RatingScale scale() {
        return scale;
    }
}
