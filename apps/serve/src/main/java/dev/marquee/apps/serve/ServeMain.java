package dev.marquee.apps.serve;

import com.typesafe.config.ConfigFactory;
import dev.marquee.deploy.PodVersionReporter;
import dev.marquee.serving.Service;
import dev.marquee.serving.ServingConfig;
import dev.marquee.serving.VersionListener;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the {@code marquee-serving} image and of {@code marquee serve}: reads config,
 * starts the {@link Service} and, in a Kubernetes pod, attaches the {@link PodVersionReporter}
 * (each version swapped to is written into the pod's annotation, ADR 7). On SIGTERM it runs the
 * service's graceful shutdown (readiness off, grace, drain, store closed), closes the reporter,
 * then shuts logging down last.
 */
public final class ServeMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

    private ServeMain() {
    }

    public static void main(String[] args) {
        ServingConfig config = ServingConfig.load(ConfigFactory.load());
        LOG.info("starting with {}", config);
        PodVersionReporter reporter = PodVersionReporter.fromEnvironment();
        List<VersionListener> listeners = new ArrayList<>();
        if (reporter.enabled()) {
            listeners.add(new VersionListener() {
                @Override
                public void onSwap(String versionId) {
                    reporter.reportInBackground(versionId);
                }
            });
        }
        Service service;
        try {
            service = Service.start(config, listeners);
        } catch (RuntimeException e) {
            reporter.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            reporter.close();
            LogManager.shutdown();
        }, "marquee-shutdown"));
    }
}
