package dev.marquee.devkit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetLogTest {

    @Test
    void accountJustBeforeFirstRatingThenRatingsInUtc() {
        Catalogue c = new Catalogue(List.of(new Movie("a+2000", "A (2000)", 2000, List.of()),
                new Movie("b", "B", null, List.of("Drama"))));
        RatingsDataset ds = new RatingsDataset("test", c, List.of(
                new DatasetRating(5, "a+2000", 4, 0),
                new DatasetRating(6, "b", 2, 60),
                new DatasetRating(5, "b", 1, 1_700_000_000)), new RatingScale(1, 5));
        assertEquals(List.of(
                "1970-01-01T00:00:00,5,GET /create_account",
                "1970-01-01T00:00:00,5,GET /rate/a+2000=4",
                "1970-01-01T00:01:00,6,GET /create_account",
                "1970-01-01T00:01:00,6,GET /rate/b=2",
                "2023-11-14T22:13:20,5,GET /rate/b=1"), DatasetLog.stream(ds).collect(Collectors.toList()));
    }

    @Test
    void keyIsTheUserField() {
        assertEquals("42", TopicProducer.userKey("2025-01-01T00:00:00,42,GET /create_account"));
        assertEquals(null, TopicProducer.userKey("garbage"));
    }
}
