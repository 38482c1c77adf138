package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/architecture.md's module diagram draws exactly the dependencies the poms declare between Marquee's modules. */
class ModuleDiagramTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(marquee-[a-z-]+)</artifactId>(<scope>(\\w+)</scope>)?");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)(?:\\[\"([^\"]+)\"\\])?\\s+(-->|-\\.->)\\s+(\\w+)(?:\\[\"([^\"]+)\"\\])?\\s*$");

    @Test
    void theDiagramsArrowsAreThePomsDependencies() throws IOException {
        Path root = repositoryRoot();
        Set<String> fromPoms = pomEdges(root);
        Set<String> fromDoc = diagramEdges(Files.readString(root.resolve("docs/architecture.md")));
        assertFalse(fromPoms.isEmpty());
        assertEquals(fromPoms, fromDoc, "docs/architecture.md's diagram (left: the poms)");
        assertTrue(fromPoms.contains("apps/serve --> deploy"), "the runnable, not serving, wires Kubernetes in");
        assertFalse(fromPoms.contains("serving --> deploy"), "serving does not depend on Kubernetes");
    }

    /** "a --> b" for compile dependencies, "a -.-> b" for test-scope ones, by module folder. */
    private static Set<String> pomEdges(Path root) throws IOException {
        Map<String, String> folderOf = new HashMap<>();
        Map<String, String> poms = new HashMap<>();
        Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (modules.find()) {
            String folder = modules.group(1);
            String pom = Files.readString(root.resolve(folder).resolve("pom.xml"));
            Matcher own = ARTIFACT.matcher(pom.substring(pom.indexOf("</parent>")));
            assertTrue(own.find(), folder + "/pom.xml names no marquee artifact");
            folderOf.put(own.group(1), folder);
            poms.put(folder, pom);
        }
        Set<String> edges = new TreeSet<>();
        for (Map.Entry<String, String> e : poms.entrySet()) {
            String pom = e.getValue();
            Matcher deps = ARTIFACT.matcher(pom.substring(pom.indexOf("<dependencies>")));
            while (deps.find()) {
                String to = folderOf.get(deps.group(1));
                assertTrue(to != null, e.getKey() + " depends on unknown module " + deps.group(1));
                edges.add(e.getKey() + ("test".equals(deps.group(3)) ? " -.-> " : " --> ") + to);
            }
        }
        return edges;
    }

    /** The edges of the first mermaid block, with node ids replaced by their labels where they have one. */
    private static Set<String> diagramEdges(String doc) {
        int start = doc.indexOf("```mermaid");
        assertTrue(start >= 0, "no mermaid diagram in docs/architecture.md");
        String block = doc.substring(start, doc.indexOf("```", start + 3));
        Map<String, String> labels = new HashMap<>();
        Set<String[]> raw = new java.util.LinkedHashSet<>();
        for (String line : block.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches()) {
                if (m.group(2) != null) {
                    labels.put(m.group(1), m.group(2));
                }
                if (m.group(5) != null) {
                    labels.put(m.group(4), m.group(5));
                }
                raw.add(new String[] {m.group(1), m.group(3), m.group(4)});
            }
        }
        Set<String> edges = new TreeSet<>();
        for (String[] e : raw) {
            edges.add(labels.getOrDefault(e[0], e[0]) + " " + e[1] + " " + labels.getOrDefault(e[2], e[2]));
        }
        return edges;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
