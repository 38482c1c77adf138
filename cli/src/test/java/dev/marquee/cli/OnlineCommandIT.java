package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.marquee.testkit.KafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code marquee online --ingest} on a real broker: the log and the answers topic are ingested into
 * a fresh lake, and the command prints the table per version and arm and writes the JSON and HTML.
 */
class OnlineCommandIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static String answer(long user, String arm, String... movies) {
        return "{\"time\":\"2025-01-10T09:00:00Z\",\"user\":" + user + ",\"version\":\"v000003\",\"arm\":\"" + arm
                + "\",\"movies\":[\"" + String.join("\",\"", movies) + "\"],\"coldStart\":false,\"latencyMs\":0.8,"
                + "\"status\":200}";
    }

    @Test
    void printsTheOnlineFiguresPerVersionAndArmAndWritesThem(@TempDir Path tmp) throws Exception {
        KAFKA.topic("cmd-log", 1, List.of(
                "2025-01-10T10:00:00,1,GET /data/m/beta+2002/1.mpg",
                "2025-01-10T10:01:00,1,GET /data/m/beta+2002/2.mpg",
                "2025-01-10T10:02:00,1,GET /data/m/beta+2002/3.mpg",
                "2025-01-10T13:00:00,3,GET /rate/alpha+2001=4",
                "2025-01-12T00:00:00,9,GET /create_account"));
        KAFKA.broker().createTopic("cmd-answers", 1);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String a : List.of(answer(1, "main", "alpha+2001", "beta+2002"), answer(2, "main", "alpha+2001"),
                    answer(3, "b", "alpha+2001"))) {
                producer.send(new ProducerRecord<>("cmd-answers", a)).get();
            }
        }
        List<String> keys = List.of("marquee.batch.kafka.bootstrap-servers", "marquee.batch.kafka.topic",
                "marquee.batch.kafka.answers-topic", "marquee.batch.lake.root", "marquee.batch.store.root",
                "marquee.batch.spark.master");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = new CommandLine(new OnlineCommand()).execute("--ingest",
                    "--set", keys.get(0) + "=" + KAFKA.bootstrapServers(), "--set", keys.get(1) + "=cmd-log",
                    "--set", keys.get(2) + "=cmd-answers", "--set", keys.get(3) + "=" + tmp.resolve("lake"),
                    "--set", keys.get(4) + "=" + tmp.resolve("store"), "--set", keys.get(5) + "=local[2]");
        } finally {
            System.setOut(out);
            keys.forEach(System::clearProperty);
            ConfigFactory.invalidateCaches();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("3 answers evaluated, 0 pending"), text);
        assertTrue(text.contains("version/arm v000003/main: 2 answers, hit rate 0.5000, 3 minutes watched"), text);
        assertTrue(text.contains("version/arm v000003/b: 1 answers, hit rate 1.0000, 0 minutes watched"), text);
        assertTrue(Files.exists(tmp.resolve("lake/online/run-000001.json")), text);
        String page = Files.readString(tmp.resolve("lake/online/run-000001.html"));
        assertTrue(page.contains("<svg") && page.contains("v000003/b"), page);
    }
}
