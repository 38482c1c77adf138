package dev.marquee.bench;

import static org.apache.spark.sql.functions.max;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.candidates.DecayedPopularity;
import dev.marquee.batch.candidates.Registry;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.ModelSettings;
import dev.marquee.batch.eval.holdout.TimeCut;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.batch.models.EvalWindow;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Recommender;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.models.UserSample;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.DatasetLog;
import dev.marquee.devkit.replay.DatasetReader;
import dev.marquee.devkit.replay.RatingsDataset;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.replay.WatchSessions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What publishing from a user sample costs (ADR 9, {@code eval.publish-from-sample}) on a real
 * dataset: on the nightly job's test window, each learned first stage (item-kNN, EASE, implicit ALS,
 * at the settings the night tuned on MovieTweetings) is fitted (a) on every user and (b) on a hash
 * sample of a share of the users and applied to everyone (item weights as they are, ALS users folded
 * in); both make lists for the same returning users and are judged on what they did next.
 * The last line is {@code sample_share=<s> ndcg_ratio_min=<lowest (b)/(a) over the models>}.
 *
 * <p>Arguments: {@code [DATASET_DIR=../shared/datasets/movietweetings-100k] [shares=0.5,0.25,0.1] [workDir=var/bench-sample]}.
 */
public final class SampleBench {
    private static final int K = 20;

    private SampleBench() {}

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "../shared/datasets/movietweetings-100k");
        String[] shares = (args.length > 1 ? args[1] : "0.5,0.25,0.1").split(",");
        Path work = Path.of(args.length > 2 ? args[2] : "var/bench-sample");
        BenchFiles.delete(work);
        RatingsDataset data = DatasetReader.read(dataset);
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"))) {
            kafka.createTopic("movielog", 2);
            TopicProducer.produce(kafka.bootstrapServers(), "movielog",
                    DatasetLog.lines(data, new WatchSessions(0.05, 120, 42L)));
            BatchConfig config = BatchConfig.load(ConfigFactory.parseMap(Map.ofEntries(
                    Map.entry("marquee.batch.kafka.bootstrap-servers", kafka.bootstrapServers()),
                    Map.entry("marquee.batch.lake.root", work.resolve("lake").toString()),
                    Map.entry("marquee.batch.store.root", work.resolve("store").toString()),
                    Map.entry("marquee.batch.rating.min", data.scale().min()),
                    Map.entry("marquee.batch.rating.max", data.scale().max()),
                    Map.entry("marquee.batch.models.candidates", List.of("item-knn", "ease", "als-implicit")),
                    // the settings the nightly job tuned on MovieTweetings (docs/benchmarks.md, issue 10)
                    Map.entry("marquee.batch.models.item-knn.neighbours", 200),
                    Map.entry("marquee.batch.models.item-knn.shrink", 50),
                    Map.entry("marquee.batch.models.ease.lambda", 300),
                    Map.entry("marquee.batch.models.als-implicit.reg-param", 10),
                    Map.entry("marquee.batch.models.als-implicit.alpha", 10)))
                    .withFallback(ConfigFactory.load()));
            SparkSession spark = SparkSessions.create(config);
            try {
                new Ingestion(spark, config).run(() -> { });
                run(spark, config, shares);
            } finally {
                spark.stop();
            }
        } finally {
            BenchFiles.delete(work);
        }
    }

    private static void run(SparkSession spark, BatchConfig config, String[] shares) {
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        Dataset<Row> events = LakeReader.events(spark, lake, new IngestLedger(lake).commits()).cache();
        LocalDateTime end = events.agg(max("time")).first().getAs(0);
        ModelSettings s = config.models();
        int parallelism = SparkSessions.parallelism(config, spark);
        TimeCut cut = TimeCut.sized(events.select("user", "time"), end, s.window(), s.maxWindow(), s.minUsers());
        EvalWindow test = EvalWindow.of(spark, events, cut, parallelism, 0, s.fillHalfLifeDays());
        Dataset<Row> before = events.filter(events.col("time").leq(cut.cut()));
        System.out.printf("%ntest window %s .. %s: %d returning users judged; models learn up to the cut%n", cut.cut(),
                cut.end(), test.userCount());
        List<Recommender> models = Registry.firstStage(config, f -> f);
        double[] full = new double[models.size()];
        for (int m = 0; m < models.size(); m++) {
            Recommender r = models.get(m);
            long t0 = System.nanoTime();
            try (FittedModel fitted = r.fit(test.view(), r.grid().get(0))) {
                full[m] = ndcg(fitted, test, test.users());
            }
            System.out.printf("%-14s %-40s every user:  NDCG@%d %.4f  (fit + lists %.1f s)%n", r.name(), r.grid().get(0),
                    K, full[m], (System.nanoTime() - t0) / 1e9);
        }
        String last = "";
        for (String share : shares) {
            long users = before.select("user").distinct().count();
            UserSample sample = UserSample.of(before, Math.max(1, Math.round(users * Double.parseDouble(share))));
            TrainingData part = TrainingData.from(spark, Interactions.from(sample.events()));
            TrainView bare = new TrainView(spark, part, cut.cut(), parallelism, null, sample.scale());
            TrainView view = new TrainView(spark, part, cut.cut(), parallelism,
                    new DecayedPopularity(s.fillHalfLifeDays()).ranking(bare), sample.scale());
            double worst = Double.POSITIVE_INFINITY;
            List<String> cells = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                Recommender r = models.get(m);
                long t0 = System.nanoTime();
                try (FittedModel onSample = r.fit(view, r.grid().get(0));
                        FittedModel applied = onSample.appliedTo(test.view()).orElseThrow()) {
                    double ndcg = ndcg(applied, test, test.users());
                    worst = Math.min(worst, ndcg / full[m]);
                    cells.add(String.format("%s %.4f (%.3f)", r.name(), ndcg, ndcg / full[m]));
                    // the judged users the fit saw and those it did not (folded in, for ALS)
                    Dataset<Row> seen = test.users().join(part.userIndex().select("user"), "user").cache();
                    Dataset<Row> unseen = test.users().join(seen, new String[] {"user"}, "left_anti").cache();
                    System.out.printf("%-14s %-40s sample %.3f of %d users (%d kept), applied to everyone: NDCG@%d %.4f "
                            + "= %.3f of every user's (fit + lists %.1f s); judged users in the sample %.4f (%d), "
                            + "outside it %.4f (%d)%n", r.name(), r.grid().get(0), 1 / sample.scale(), sample.users(),
                            sample.kept(), K, ndcg, ndcg / full[m], (System.nanoTime() - t0) / 1e9,
                            ndcg(applied, test, seen), seen.count(), ndcg(applied, test, unseen), unseen.count());
                    seen.unpersist();
                    unseen.unpersist();
                }
            }
            part.release();
            last = String.format("sample_share=%.3f ndcg_ratio_min=%.3f", 1 / sample.scale(), worst);
            System.out.println(last + "  " + String.join(", ", cells));
        }
        test.close();
        events.unpersist();
    }

    /** NDCG@K of {@code fitted}'s lists for {@code users} (some of the window's judged users) on what they did next. */
    private static double ndcg(FittedModel fitted, EvalWindow w, Dataset<Row> users) {
        return w.rank(fitted, users, K).ndcg();
    }
}
