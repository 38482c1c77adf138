package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import dev.marquee.apps.nightly.ConfigOverrides;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.eval.report.OnlinePage;
import dev.marquee.batch.ingest.IngestCommit;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.online.OnlineEvaluation;
import dev.marquee.batch.online.OnlineReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee online}: the nightly run's online evaluation, alone, over the lake as it is. */
@Command(name = "online", mixinStandardHelpOptions = true,
    description = "Online evaluation over the lake: each recorded answer joined with what the same user watched or "
        + "rated in the window after it; prints hit rate, first-hit position, minutes, cold-start share, latency and "
        + "status per store version, arm and day, and writes lake/online/run-N.json and .html.")
final class OnlineCommand implements Callable<Integer> {

    @Option(names = "--ingest", description = "first ingest what arrived on the log and answers topics (one lake "
        + "commit, as the nightly run's first phase makes)")
    boolean ingest;

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.online.window=12h")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigOverrides.apply(settings);
        BatchConfig config = BatchConfig.load(ConfigFactory.load());
        SparkSession spark = SparkSessions.create(config);
        try {
            if (ingest) {
                new Ingestion(spark, config).run(() -> { });
            }
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            List<IngestCommit> commits = new IngestLedger(lake).commits();
            OnlineReport report = new OnlineEvaluation(spark, config).run(lake, commits);
            Path page = lake.online(report.snapshotRun()).resolveSibling("run-" + LakeLayout.id(report.snapshotRun())
                    + ".html");
            OnlinePage.write(page, report);
            System.out.print(report.format());
            System.out.println("written: " + lake.online(report.snapshotRun()).toAbsolutePath() + " and "
                    + page.toAbsolutePath());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
