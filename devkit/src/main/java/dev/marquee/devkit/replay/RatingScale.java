package dev.marquee.devkit.replay;

/** The integer rating scale of a data set, both ends included. */
public record RatingScale(int min, int max) {

    public RatingScale {
        if (min > max) {
            throw new IllegalArgumentException("min > max: " + min + " > " + max);
        }
    }

    /** True when {@code rating} is on the scale. */
    public boolean contains(int rating) {
        return rating >= min && rating <= max;
    }
}
