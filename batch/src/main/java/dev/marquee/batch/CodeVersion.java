package dev.marquee.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The git commit the job was built from (git.properties, written at build time), or {@code unknown}. */
public final class CodeVersion {
    private CodeVersion() {}

    /** {@code <abbreviated commit>} plus {@code -dirty} when the tree had uncommitted changes. */
    public static String get() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/marquee-batch-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.abbrev", "unknown");
            return Boolean.parseBoolean(p.getProperty("git.dirty", "false")) ? id + "-dirty" : id;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
