package dev.marquee.apps.nightly;

import com.typesafe.config.ConfigFactory;
import java.util.List;

/**
 * Applies {@code --set key=value} flags as system properties, which override every config default;
 * {@code --set key=[a,b]} sets a list.
 */
public final class ConfigOverrides {
    private ConfigOverrides() {}

    public static void apply(List<String> settings) {
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes key=value, got '" + setting + "'");
            }
            String key = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1).trim();
            if (value.startsWith("[") && value.endsWith("]")) {
                // a list: Typesafe Config reads system properties key.0, key.1, ... as one
                String[] items = value.substring(1, value.length() - 1).split(",");
                for (int i = 0; i < items.length; i++) {
                    System.setProperty(key + "." + i, items[i].trim().replaceAll("^\"|\"$", ""));
                }
            } else {
                System.setProperty(key, value);
            }
        }
        ConfigFactory.invalidateCaches();
    }
}
