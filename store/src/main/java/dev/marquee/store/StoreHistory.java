package dev.marquee.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <root>/HISTORY}: one line per change of CURRENT, appended after CURRENT is written,
 * {@code promote <versionId>} or {@code rollback <versionId>}. Replaying it gives the promotion
 * stack: a promote pushes, a rollback pops back to the entry below. That stack is how "the
 * version before the current one" is known; unknown lines are ignored.
 */
final class StoreHistory {

    static final String FILE_NAME = "HISTORY";
    static final String PROMOTE = "promote";
    static final String ROLLBACK = "rollback";

    private StoreHistory() {
    }

    static Path file(StoreLayout layout) {
        return layout.root().resolve(FILE_NAME);
    }

    /** Appends one line and fsyncs it. */
    static void append(StoreLayout layout, String action, String versionId) throws IOException {
        byte[] line = (action + " " + versionId + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file(layout), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /**
     * The promotion stack, oldest first, the live version last; empty if there is no HISTORY.
     * Consecutive duplicates (the same version promoted twice) collapse into one entry.
     */
    static List<String> stack(StoreLayout layout) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(layout), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> stack = new ArrayList<>();
        for (String raw : lines) {
            String[] parts = raw.trim().split(" ");
            if (parts.length != 2) {
                continue;
            }
            String id = parts[1];
            if (PROMOTE.equals(parts[0])) {
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(id)) {
                    stack.add(id);
                }
            } else if (ROLLBACK.equals(parts[0])) {
                // Pop down to the rollback target; if it is not on the stack, it becomes the only entry.
                int at = stack.lastIndexOf(id);
                if (at >= 0) {
                    stack.subList(at + 1, stack.size()).clear();
                } else {
                    stack.clear();
                    stack.add(id);
                }
            }
        }
        return stack;
    }
}
