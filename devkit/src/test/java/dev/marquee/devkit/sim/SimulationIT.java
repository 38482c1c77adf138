package dev.marquee.devkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.broker.TopicLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator into a real in-process broker at a chosen rate. */
class SimulationIT {

    @TempDir
    Path dataDir;

    @Test
    void producesTheSimulatedLogIntoATopicAtTheChosenRate() throws IOException {
        SimConfig config = new SimConfig(500, 100, 3_000, 2, LocalDate.of(2025, 1, 1), 8, 0.02, 0.2, 5L);
        List<String> expected = Stats.all(Simulator.create(config).log());
        try (LocalKafka kafka = LocalKafka.start(dataDir)) {
            kafka.createTopic("sim", 1);
            double rate = 2_000;
            Simulation.Report r = Simulation.toTopic(config, kafka.bootstrapServers(), "sim", rate);
            assertEquals(expected.size(), r.totals().lines());
            assertTrue(r.seconds() >= (expected.size() - 1) / rate, "paced: " + r.seconds() + " s");
            long bytes = expected.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length).sum();
            assertEquals(bytes, r.bytes());
            assertEquals(expected.size(), kafka.endOffsetsTotal("sim"));
            assertEquals(expected, TopicLines.read(kafka.bootstrapServers(), "sim", expected.size(), Duration.ofSeconds(60)));
        }
    }
}
