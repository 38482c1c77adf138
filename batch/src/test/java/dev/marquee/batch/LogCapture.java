package dev.marquee.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The messages logged at INFO or above on a logger (and its children) while it is open: a log4j2
 * appender added to the logger's configuration and removed on {@link #close()}. Lines from any
 * thread are kept.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final LoggerConfig logger;
    private final AbstractAppender appender;

    private LogCapture(String name) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggerConfig(name);
        if (existing.getName().equals(name)) {
            logger = existing;
        } else { // a logger config of its own, so that the capture sees no more than asked
            logger = new LoggerConfig(name, Level.INFO, true);
            logger.setParent(existing);
            config.addLogger(name, logger);
        }
        appender = new AbstractAppender("capture-" + name + "-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
    }

    /** Captures logger {@code name} (e.g. {@code marquee.batch}) from now until closed. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** The messages so far, formatted. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
