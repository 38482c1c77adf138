package dev.marquee.serving;

import com.typesafe.config.ConfigFactory;
import dev.marquee.store.StoreLayout;
import io.javalin.Javalin;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: reads config, wires the version manager and the app, starts, stops on shutdown. */
public final class ServeMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

    private ServeMain() {
    }

    public static void main(String[] args) {
        ServingConfig config = ServingConfig.load(ConfigFactory.load());
        LOG.info("starting with {}", config);
        VersionManager versions = new VersionManager(new StoreLayout(config.storeRoot()), config.pollInterval());
        Javalin app;
        try {
            versions.start();
            app = new RecommendApp(versions).create().start(config.host(), config.port());
        } catch (RuntimeException e) {
            versions.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            app.stop();
            versions.close();
            LOG.info("stopped");
            LogManager.shutdown();
        }, "marquee-shutdown"));
        LOG.info("serving on {}:{}, store version {}", config.host(), app.port(),
                versions.openVersion().orElse("none yet"));
    }
}
