package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.batch.eval.crossval.Grid;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The grid that {@code marquee crossval}'s options describe (no Spark). */
class CrossvalCommandTest {

    private static CrossvalCommand parse(String... args) {
        CrossvalCommand command = new CrossvalCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutGridOptionsItSearchesTheDefaultGrid() {
        CrossvalCommand command = parse("--movielens-100k", "/data/ml-100k");

        Grid grid = command.grid();

        assertEquals(Path.of("/data/ml-100k"), command.dir);
        assertEquals(Grid.defaults(), grid);
        assertEquals(grid.ranks().size() * grid.regParams().size(), grid.points().size());
    }

    @Test
    void commaSeparatedRanksAndRegParamsMakeTheGrid() {
        Grid grid = parse("--movielens-100k", "d", "--rank", "8,16", "--reg", "0.1,0.2,0.4", "--iters", "30",
                "--bias-reg", "3", "--validation-share", "0.1").grid();

        assertEquals(List.of(8, 16), grid.ranks());
        assertEquals(List.of(0.1, 0.2, 0.4), grid.regParams());
        assertEquals(6, grid.points().size());
        assertEquals(16, grid.points().get(5).rank());
        assertEquals(0.4, grid.points().get(5).regParam());
        assertEquals(30, grid.points().get(5).maxIter());
        assertEquals(3.0, grid.points().get(5).biasReg());
        assertEquals(0.1, grid.validationShare());
    }
}
