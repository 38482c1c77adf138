package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import dev.marquee.apps.nightly.ConfigOverrides;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.ab.AbTest;
import dev.marquee.batch.ab.ArmComparison;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.online.OnlineEvaluation;
import dev.marquee.batch.online.OnlineReport;
import dev.marquee.store.ArmPromotion;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marquee ab}: the A/B test between a version's arms, from the online evaluation; {@code ab promote ARM}. */
@Command(name = "ab", mixinStandardHelpOptions = true, subcommands = AbCommand.Promote.class,
    description = "The A/B test between a store version's arms: each arm's online hit rate (share of its users who "
        + "started or rated a recommended movie within the window) with a confidence interval, and whether it differs "
        + "from main's by more than chance (two-proportion z-test). Runs the online evaluation over the lake first.")
final class AbCommand implements Callable<Integer> {

    @Option(names = "--ingest", description = "first ingest what arrived on the log and answers topics")
    boolean ingest;

    @Option(names = "--version", description = "the store version to compare the arms of (default: the latest that "
        + "answered from more than one arm)")
    String version;

    @Option(names = "--confidence", defaultValue = "0.95", description = "of the intervals; the test's level is 1 - it "
        + "(default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.online.window=12h")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        if (!(confidence > 0.5 && confidence < 1)) {
            System.err.println("--confidence must be in (0.5, 1), got " + confidence);
            return 2;
        }
        ConfigOverrides.apply(settings);
        BatchConfig config = BatchConfig.load(ConfigFactory.load());
        SparkSession spark = SparkSessions.create(config);
        OnlineReport report;
        try {
            if (ingest) {
                new Ingestion(spark, config).run(() -> { });
            }
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            report = new OnlineEvaluation(spark, config).run(lake, new IngestLedger(lake).commits());
        } finally {
            spark.stop();
        }
        String v = version != null ? version : report.latestVersionWithArms();
        List<ArmComparison.Row> rows = AbTest.of(report, v, confidence);
        if (rows.isEmpty()) {
            System.out.println("no A/B test to show: " + (v == null ? "no version answered from more than one arm"
                    : "version " + v + " answered from fewer than two arms") + " (" + report.evaluated()
                    + " answers judged, " + report.pending() + " pending; window " + report.window() + ")");
            return 0;
        }
        System.out.println("A/B test of version " + v + ", by users (" + report.evaluated() + " answers judged, "
                + report.pending() + " still pending; window " + report.window() + "):");
        System.out.print(ArmComparison.table(rows, confidence));
        rows.stream().filter(ArmComparison.Row::significant).max((a, b) -> Double.compare(a.difference(), b.difference()))
                .filter(r -> r.difference() > 0)
                .ifPresent(r -> System.out.println("arm " + r.arm().arm() + " beats main; to make its lists the main ones: "
                        + "./marquee ab promote " + r.arm().arm()));
        return 0;
    }

    /** {@code marquee ab promote ARM}: a new current version whose main lists are the arm's. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Writes a new store version whose main lists are ARM's (users it lacks keep theirs), with no arms, "
            + "and makes it current; the old version stays for a rollback.")
    static final class Promote implements Callable<Integer> {
        @Parameters(index = "0", description = "the arm that won, e.g. candidate")
        String arm;

        @Option(names = "--store", description = "store root (default: marquee.batch.store.root)")
        Path store;

        @Override
        public Integer call() {
            StoreLayout layout = new StoreLayout(store != null ? store : BatchConfig.load(ConfigFactory.load()).storeRoot());
            try {
                Manifest m = ArmPromotion.promote(layout, arm);
                System.out.println("promoted arm " + arm + ": version " + m.versionId() + " (" + m.userCount()
                        + " users) is current; roll back with ./marquee rollback");
                return 0;
            } catch (IllegalArgumentException | dev.marquee.store.StoreException e) {
                System.err.println("cannot promote " + arm + ": " + e.getMessage());
                return 2;
            }
        }
    }
}
