package dev.marquee.bench;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.DatasetLog;
import dev.marquee.devkit.replay.DatasetReader;
import dev.marquee.devkit.replay.RatingsDataset;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.replay.WatchSessions;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Every candidate model on a real ratings dataset: replays it (with watch sessions) into a local
 * broker, runs one nightly job with every configured candidate competing on the global time cut
 * (ADR 9), and prints each model's figures from the published version's manifest. The last line is
 * {@code published=<model> published_ndcg=<x> popularity_ndcg=<y> decayed_ndcg=<z> ease_ndcg=<e> ratio=<x/y>}.
 *
 * <p>Arguments: {@code DATASET_DIR [workDir=var/bench-models]}.
 */
public final class ModelsBench {
    private ModelsBench() {}

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "../shared/datasets/movietweetings-100k");
        Path work = Path.of(args.length > 1 ? args[1] : "var/bench-models");
        delete(work);
        RatingsDataset data = DatasetReader.read(dataset);
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"))) {
            kafka.createTopic("movielog", 2);
            TopicProducer.produce(kafka.bootstrapServers(), "movielog",
                    DatasetLog.lines(data, new WatchSessions(0.05, 120, 42L)));
            BatchConfig config = BatchConfig.load(ConfigFactory.parseMap(Map.of(
                    "marquee.batch.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "marquee.batch.lake.root", work.resolve("lake").toString(),
                    "marquee.batch.store.root", work.resolve("store").toString(),
                    "marquee.batch.rating.min", data.scale().min(),
                    "marquee.batch.rating.max", data.scale().max()))
                    .withFallback(ConfigFactory.load()));
            SparkSession spark = SparkSessions.create(config);
            try {
                JobResult result = new NightlyJob(spark, config).run();
                StoreLayout layout = new StoreLayout(config.storeRoot());
                Manifest m = Manifest.read(layout.versionDir(result.versionId()).resolve(Manifest.FILE_NAME));
                Map<?, ?> evaluation = (Map<?, ?>) m.lineage().get("evaluation");
                Map<?, ?> models = (Map<?, ?>) evaluation.get("models");
                Map<?, ?> protocol = (Map<?, ?>) evaluation.get("protocol");
                System.out.printf("%n%s, %s: trained up to %s, judged on %s returning users until %s "
                        + "(%s new users; %.1f%% of new pairs unreachable)%n", data.format(), dataset, protocol.get("cut"),
                        protocol.get("usersEvaluated"), protocol.get("end"), protocol.get("newUsers"),
                        100 * n(protocol, "unreachableShare"));
                System.out.printf("%-20s %8s %8s %8s %8s %9s %8s  %s%n", "model", "NDCG@20", "P@20", "R@20", "MAP@20",
                        "coverage", "fit s", "setting");
                for (Map.Entry<?, ?> e : models.entrySet()) {
                    Map<?, ?> eval = (Map<?, ?>) e.getValue();
                    Map<?, ?> r = (Map<?, ?>) eval.get("ranking");
                    System.out.printf("%-20s %8.4f %8.4f %8.4f %8.4f %9.4f %8.1f  %s%n", e.getKey(), n(r, "ndcg"),
                            n(r, "precision"), n(r, "recall"), n(r, "map"), n(r, "coverage"), n(eval, "fitSeconds"),
                            eval.get("setting"));
                }
                Map<?, ?> cold = (Map<?, ?>) evaluation.get("coldStart");
                for (Map.Entry<?, ?> e : cold.entrySet()) {
                    System.out.printf("cold start %-20s NDCG@20 %.4f on %s new users%n", e.getKey(),
                            n((Map<?, ?>) e.getValue(), "ndcg"), ((Map<?, ?>) e.getValue()).get("users"));
                }
                double popularity = ndcg(models, "popularity");
                System.out.printf("published=%s published_ndcg=%.4f popularity_ndcg=%.4f decayed_ndcg=%.4f ease_ndcg=%.4f "
                        + "ratio=%.3f%n", result.model(), result.ndcg(), popularity, ndcg(models, "decayed-popularity"),
                        ndcg(models, "ease"), result.ndcg() / popularity);
            } finally {
                spark.stop();
            }
        } finally {
            delete(work);
        }
    }

    private static double ndcg(Map<?, ?> models, String name) {
        Object model = models.get(name);
        return model == null ? Double.NaN : n((Map<?, ?>) ((Map<?, ?>) model).get("ranking"), "ndcg");
    }

    private static double n(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
