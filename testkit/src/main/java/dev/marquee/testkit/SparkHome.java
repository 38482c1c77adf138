package dev.marquee.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Spark home built from the test's classpath, as a Spark 4 binary distribution lays it out for its
 * launcher: {@code jars/} holds links to the jars a distribution has (their artifact ids are listed in
 * {@code spark-distribution-jars.txt}, at the classpath's versions) and nothing else, so whatever a job
 * needs beyond them must reach executors through {@code spark.jars}, as on a real cluster. A worker
 * started with {@code SPARK_HOME} here and {@code SPARK_SCALA_VERSION=2.13} (its launcher reads that
 * variable, or looks for a source build's {@code launcher/target/scala-2.13}) runs executors from it.
 */
public final class SparkHome {
    private static final String DISTRIBUTION = "spark-distribution-jars.txt";

    private final Path dir;
    private final Map<String, Path> classpath;

    private SparkHome(Path dir, Map<String, Path> classpath) {
        this.dir = dir;
        this.classpath = classpath;
    }

    /**
     * Creates {@code dir/jars} (replacing what was there) from this JVM's classpath, with {@code replacements}
     * (jars named {@code <artifactId>-<version>.jar}) instead of the classpath's jars of their artifacts: where
     * the build pins a version Spark itself cannot run with.
     */
    public static SparkHome build(Path dir, Path... replacements) {
        Map<String, Path> classpath = classpath();
        Set<String> distribution = distribution();
        Map<String, Path> jarsOfHome = new java.util.LinkedHashMap<>(classpath);
        for (Path jar : replacements) {
            jarsOfHome.put(artifactId(jar.getFileName()), jar.toAbsolutePath());
        }
        try {
            Path jars = dir.resolve("jars");
            Files.createDirectories(jars);
            try (var old = Files.list(jars)) {
                for (Path link : (Iterable<Path>) old::iterator) {
                    Files.delete(link);
                }
            }
            for (Map.Entry<String, Path> e : jarsOfHome.entrySet()) {
                if (distribution.contains(e.getKey())) {
                    Files.createSymbolicLink(jars.resolve(e.getValue().getFileName()), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a Spark home in " + dir, e);
        }
        return new SparkHome(dir.toAbsolutePath(), classpath);
    }

    /** The home folder ({@code SPARK_HOME}). */
    public Path dir() {
        return dir;
    }

    /** Its {@code jars/} folder: a distribution's jars at this classpath's versions. */
    public Path jars() {
        return dir.resolve("jars");
    }

    /**
     * The classpath's jars of these artifacts, in this order (a module of this build by its artifact id,
     * e.g. {@code marquee-batch}: its packaged jar); for {@code spark.jars}. Throws if one is missing or is
     * a folder of classes rather than a jar.
     */
    public List<Path> classpathJars(String... artifactIds) {
        List<Path> out = new ArrayList<>();
        for (String id : artifactIds) {
            Path jar = classpath.get(id);
            if (jar == null || !jar.toString().endsWith(".jar")) {
                throw new IllegalStateException("no jar of " + id + " on the classpath (" + jar
                        + "); run the build's package phase first (mvn verify)");
            }
            out.add(jar);
        }
        return out;
    }

    /**
     * This JVM's classpath entries by artifact id: the folder above the version folder in a Maven
     * repository, else the file name without {@code -<version>.jar} (a module's packaged jar).
     */
    static Map<String, Path> classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath())
                .collect(Collectors.toMap(SparkHome::artifactId, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    static String artifactId(Path entry) {
        Path versionDir = entry.getParent();
        if (versionDir != null && versionDir.getParent() != null
                && entry.getFileName().toString().startsWith(versionDir.getParent().getFileName() + "-" + versionDir.getFileName())) {
            return versionDir.getParent().getFileName().toString();
        }
        String name = entry.getFileName().toString();
        return name.endsWith(".jar") ? name.replaceFirst("-\\d[^/]*\\.jar$", "") : name;
    }

    private static Set<String> distribution() {
        try (var in = Objects.requireNonNull(SparkHome.class.getResourceAsStream(DISTRIBUTION), DISTRIBUTION);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
