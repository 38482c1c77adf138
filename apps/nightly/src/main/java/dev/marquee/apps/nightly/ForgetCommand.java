package dev.marquee.apps.nightly;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.Forget;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.events.UserIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marquee forget <userId>}: the user's events leave the lake; their list leaves with the next version. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = "Forget a user who asked for it: their events leave the lake (and stay out of later runs); "
        + "their list leaves with the next nightly version. Run it between nightly runs.")
public final class ForgetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "USER_ID", description = "the user's id")
    String userId;

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.lake.root=/data/lake")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        long id = UserIds.parse(userId);
        if (id == UserIds.INVALID) {
            System.err.println("forget: a user id is 1 to 19 digits, got '" + userId + "'");
            return 1;
        }
        ConfigOverrides.apply(settings);
        BatchConfig config = BatchConfig.load(ConfigFactory.load());
        SparkSession spark = SparkSessions.create(config);
        try {
            Forget.Result r = new Forget(spark, new LakeLayout(config.lakeRoot()), Clock.systemUTC()).user(id);
            System.out.printf("forget: user %d: %d events, %d quarantined lines and %d answer records removed from the lake"
                    + " (%d runs rewritten); later runs drop their events and answers; their list leaves with the next"
                    + " version (the versions already published keep it until pruned); their lines stay in Kafka topic %s"
                    + " until its retention deletes them%n", id, r.events(), r.quarantined(), r.answers(),
                    r.runsRewritten(), config.topic());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
