package dev.marquee.deploy;

import dev.marquee.store.StoreLayout;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code marquee batch} does around one run when {@code marquee.rollout.enabled}: notes the
 * version CURRENT names, runs the job, and if the job published a new version, waits for the
 * service's pods with {@link Rollout}. Returns the process exit code: the job's own when it did not
 * publish, 0 when the rollout is confirmed, {@link RolloutResult#ROLLED_BACK_EXIT} when not.
 */
public final class BatchRollout {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRollout.class);
    private static final Duration PRINT_AT_LEAST_EVERY = Duration.ofSeconds(15);

    private BatchRollout() {}

    /** With the API client of this pod's service account (or ~/.kube/config). */
    public static int run(Path storeRoot, RolloutConfig config, IntSupplier job, Consumer<String> out) {
        return run(storeRoot, config, job, out, InCluster::apiClient);
    }

    /** With the API client {@code api} gives (asked for only if a rollout is needed). */
    public static int run(Path storeRoot, RolloutConfig config, IntSupplier job, Consumer<String> out,
            Supplier<ApiClient> api) {
        if (!config.enabled()) {
            return job.getAsInt();
        }
        StoreLayout layout = new StoreLayout(storeRoot);
        Optional<String> before = layout.current();
        int code = job.getAsInt();
        Optional<String> after = layout.current();
        if (code != 0 || after.isEmpty() || after.equals(before)) {
            LOG.info("no new version to roll out (exit code {}, CURRENT {})", code, after.orElse("(none)"));
            return code;
        }
        String namespace = config.resolvedNamespace();
        out.accept("rollout: waiting up to " + config.deadline().toSeconds() + " s for the ready pods '"
                + config.selector() + "' in namespace " + namespace + " to serve " + after.get()
                + " (previous " + before.orElse("none") + ")");
        Rollout rollout = new Rollout(new CoreV1Api(api.get()), layout, namespace, config, changesOf(out));
        RolloutResult result = rollout.await(after.get(), before);
        out.accept(switch (result.outcome()) {
            case CONFIRMED -> "rollout: confirmed, every ready pod serves " + result.versionId();
            case ROLLED_BACK -> "rollout: not confirmed; CURRENT rolled back to " + result.previous() + " (exit "
                    + result.exitCode() + ")";
            case UNCONFIRMED -> "rollout: not confirmed and not rolled back, CURRENT is " + layout.current().orElse("none")
                    + " (exit " + result.exitCode() + ")";
        });
        return result.exitCode();
    }

    /** Passes on a look at the pods when its counts changed, or when the last one passed on is old. */
    private static Consumer<RolloutProgress> changesOf(Consumer<String> out) {
        return new Consumer<>() {
            private String lastCounts = "";
            private Duration lastAt = Duration.ZERO;

            @Override
            public void accept(RolloutProgress p) {
                String counts = p.pods() + "/" + p.ready() + "/" + p.atVersion() + "/" + p.error();
                if (!counts.equals(lastCounts) || p.elapsed().minus(lastAt).compareTo(PRINT_AT_LEAST_EVERY) >= 0
                        || p.confirmed()) {
                    out.accept(p.toString());
                    lastCounts = counts;
                    lastAt = p.elapsed();
                }
            }
        };
    }
}
