package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import java.util.List;

/** Applies {@code --set key=value} flags as system properties, which override every config default. */
final class ConfigOverrides {
    private ConfigOverrides() {}

    static void apply(List<String> settings) {
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes key=value, got '" + setting + "'");
            }
            System.setProperty(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
        ConfigFactory.invalidateCaches();
    }
}
