package dev.marquee.cli;

import dev.marquee.apps.nightly.ConfigOverrides;
import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.eval.report.BacktestPage;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.batch.models.Backtest;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.DatasetLog;
import dev.marquee.devkit.replay.DatasetReader;
import dev.marquee.devkit.replay.RatingsDataset;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.replay.WatchSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee backtest}: every candidate judged as if the nightly job had run on each of the last N nights. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Evaluate every candidate model as if the nightly job had run on each of the last N nights of the lake "
        + "(or of a dataset replayed into a fresh lake); prints NDCG@20 per model per night and writes an HTML page.")
final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--nights", description = "how many nights (default ${DEFAULT-VALUE})")
    int nights = 7;

    @Option(names = "--step", description = "time between nights, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration step = Duration.ofDays(1);

    @Option(names = "--dataset", paramLabel = "DIR", description = "replay this ratings dataset (MovieTweetings, "
        + "MovieLens) into an in-process broker and a fresh lake under --work first, instead of the configured lake")
    Path dataset;

    @Option(names = "--work", description = "where --dataset's broker and lake live (default ${DEFAULT-VALUE})")
    Path work = Path.of("var/backtest");

    @Option(names = "--out", description = "the page (default: <lake>/_reports/backtest.html)")
    Path out;

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.models.candidates=[popularity,ease]")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (dataset == null) {
            ConfigOverrides.apply(settings);
            return backtest(BatchConfig.load(ConfigFactory.load()));
        }
        RatingsDataset data = DatasetReader.read(dataset);
        Demo.deleteRecursively(work);
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"))) {
            kafka.createTopic("movielog", 2);
            TopicProducer.produce(kafka.bootstrapServers(), "movielog", DatasetLog.lines(data, new WatchSessions(0.05, 120, 42L)));
            List<String> all = new ArrayList<>(List.of("marquee.batch.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "marquee.batch.kafka.topic=movielog",
                    "marquee.batch.lake.root=" + work.resolve("lake"), "marquee.batch.store.root=" + work.resolve("store"),
                    "marquee.batch.rating.min=" + data.scale().min(), "marquee.batch.rating.max=" + data.scale().max()));
            all.addAll(settings);
            ConfigOverrides.apply(all);
            BatchConfig config = BatchConfig.load(ConfigFactory.load());
            SparkSession spark = SparkSessions.create(config);
            try {
                new Ingestion(spark, config).run(() -> { });
            } finally {
                spark.stop();
            }
            return backtest(config);
        }
    }

    private int backtest(BatchConfig config) {
        SparkSession spark = SparkSessions.create(config);
        try {
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            Dataset<Row> events = LakeReader.events(spark, lake, new IngestLedger(lake).commits())
                    .select("kind", "user", "movie", "rating", "minute", "time", "partition", "offset").cache();
            List<BacktestPage.Row> rows = Backtest.run(spark, config, events, nights, step,
                    NightlyJob.secondStages(config), UnaryOperator.identity());
            Path page = out != null ? out : lake.root().resolve("_reports").resolve("backtest.html");
            BacktestPage.write(page, rows, config.topN());
            for (BacktestPage.Row r : rows) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "night %s users %d", r.end(), r.users()));
                r.ndcg().forEach((m, v) -> line.append(String.format(Locale.ROOT, " %s=%.4f", m, v)));
                System.out.println(line.append(" winner=").append(r.winner()));
            }
            System.out.println("backtest page: " + page.toAbsolutePath());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
