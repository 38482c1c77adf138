package dev.marquee.serving;

import com.typesafe.config.ConfigFactory;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: reads config, starts the {@link Service}, and on SIGTERM runs its graceful
 * shutdown (readiness off, grace, drain, store closed), then shuts logging down last.
 */
public final class ServeMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

    private ServeMain() {
    }

    public static void main(String[] args) {
        ServingConfig config = ServingConfig.load(ConfigFactory.load());
        LOG.info("starting with {}", config);
        Service service = Service.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            LogManager.shutdown();
        }, "marquee-shutdown"));
    }
}
