package dev.marquee.batch.eval.crossval;

import dev.marquee.batch.eval.metrics.RatingMetrics;
import java.util.List;

/**
 * One cross-validation fold's error.
 *
 * @param fold 1-based fold number
 * @param metrics RMSE and MAE over every test rating of the fold
 * @param chosen the settings refitted on the whole base file and scored on the test file
 * @param grid every grid point's validation error, in grid order; empty for a one-point grid
 */
public record FoldResult(int fold, RatingMetrics metrics, BiasedAls chosen, List<GridScore> grid) {
    public FoldResult {
        grid = List.copyOf(grid);
    }
}
