package dev.marquee.cli.bench;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Every candidate model on a real ratings dataset: replays it (with watch sessions) into a local
 * broker, runs one nightly job with all candidates competing on the time-based holdout, and prints
 * each model's figures from the published version's manifest. The last line is
 * {@code published=<model> published_ndcg=<x> als_ndcg=<y> popularity_ndcg=<z>}.
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
                    "marquee.batch.rating.max", data.scale().max(),
                    "marquee.batch.tune.models", List.of("popularity", "als-explicit", "als-implicit", "neural")))
                    .withFallback(ConfigFactory.load()));
            SparkSession spark = SparkSessions.create(config);
            try {
                JobResult result = new NightlyJob(spark, config).run();
                StoreLayout layout = new StoreLayout(config.storeRoot());
                Manifest m = Manifest.read(layout.versionDir(result.versionId()).resolve(Manifest.FILE_NAME));
                Map<?, ?> models = (Map<?, ?>) ((Map<?, ?>) m.lineage().get("evaluation")).get("models");
                System.out.printf("%n%s, %s: holdout = each user's latest interaction (users with >= 5)%n",
                        data.format(), dataset);
                System.out.printf("%-14s %8s %8s %8s %8s %9s %10s %8s %8s%n", "model", "NDCG@20", "P@20", "R@20",
                        "MAP@20", "coverage", "coldstart", "RMSE", "MAE");
                double als = 0;
                for (Map.Entry<?, ?> e : models.entrySet()) {
                    Map<?, ?> eval = (Map<?, ?>) e.getValue();
                    Map<?, ?> r = (Map<?, ?>) eval.get("ranking");
                    Map<?, ?> rating = (Map<?, ?>) eval.get("rating");
                    System.out.printf("%-14s %8.4f %8.4f %8.4f %8.4f %9.4f %10.4f %8s %8s%n", e.getKey(), n(r, "ndcg"),
                            n(r, "precision"), n(r, "recall"), n(r, "map"), n(r, "coverage"), n(r, "coldStartShare"),
                            rating == null ? "-" : String.format("%.4f", n(rating, "rmse")),
                            rating == null ? "-" : String.format("%.4f", n(rating, "mae")));
                    if (String.valueOf(e.getKey()).startsWith("als-")) {
                        als = Math.max(als, n(r, "ndcg"));
                    }
                }
                double popularity = models.containsKey("popularity")
                        ? n((Map<?, ?>) ((Map<?, ?>) models.get("popularity")).get("ranking"), "ndcg") : Double.NaN;
                System.out.printf("published=%s published_ndcg=%.4f als_ndcg=%.4f popularity_ndcg=%.4f%n", result.model(),
                        result.ndcg(), als, popularity);
            } finally {
                spark.stop();
            }
        } finally {
            delete(work);
        }
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
