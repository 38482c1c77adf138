package dev.marquee.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <root>/HISTORY}: one line per change of CURRENT, {@code promote <versionId>} or
 * {@code rollback <versionId>}. Replaying it gives the promotion stack: a promote pushes, a rollback pops back to
 * the entry below (the newest occurrence of its target; a target not on the stack becomes the only entry). That
 * stack is how "the version before the current one" is known; unknown lines are ignored.
 *
 * <p><b>Write order</b> ({@link StoreLayout}, under {@link StoreLock}): the HISTORY line is appended and fsynced
 * first, as the intent; then CURRENT is replaced atomically. CURRENT is the commit point, and the truth: it is what
 * serving reads.
 *
 * <p><b>Recovery</b>: a crash between the two writes leaves a last line that never took effect; a hand edit of
 * CURRENT (docs/deploy.md's second way) leaves a change HISTORY does not know. Either way the replayed stack's top
 * disagrees with CURRENT, and {@link #repair} names the one line that makes HISTORY agree again:
 * <ul>
 * <li>the stack without the last line has CURRENT on top: that last line is an intent that never took effect; it
 * is undone by {@code rollback <current>} after a {@code promote}, by {@code promote <current>} after a
 * {@code rollback};
 * <li>otherwise CURRENT was changed outside HISTORY: it is recorded as {@code rollback <current>} if CURRENT names
 * a version on the stack (pointing CURRENT back by hand is a rollback), else as {@code promote <current>}.
 * </ul>
 * Readers ({@link #stack}) replay HISTORY plus that line, without writing; the next writer, under the lock, appends
 * it for real before its own line. A store without HISTORY (or an empty one) is left to the readers' fallback
 * (version-id order); its next writer first records the live version as {@code promote <current>}.
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

    /** The line {@code action versionId}, without its newline. */
    static String line(String action, String versionId) {
        return action + " " + versionId;
    }

    /** Appends lines (each followed by a newline) in one write and fsyncs them. */
    static void append(StoreLayout layout, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l : lines) {
            text.append(l).append('\n');
        }
        Path file = file(layout);
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (created) {
            AtomicFiles.fsyncDirectory(layout.root());
        }
    }

    /** HISTORY's lines; empty if there is none. */
    static List<String> lines(StoreLayout layout) throws IOException {
        try {
            return Files.readAllLines(file(layout), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * The promotion stack as the store stands, oldest first, the live version last; empty if HISTORY is absent
     * or empty. HISTORY is replayed together with its {@link #repair} for the CURRENT on disk, so a crash between
     * HISTORY's and CURRENT's writes, or a hand-edited CURRENT, is read the way the next writer will record it.
     */
    static List<String> stack(StoreLayout layout) throws IOException {
        // CURRENT first: writers append HISTORY first, so HISTORY read after CURRENT is never older than it; at worst
        // it holds one more line, an intent that the repair undoes.
        Optional<String> current = layout.current();
        List<String> lines = lines(layout);
        if (replay(lines).isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(lines);
        repair(lines, current).ifPresent(all::add);
        return replay(all);
    }

    /**
     * The line that makes HISTORY's replayed stack end with {@code current} (see the class comment); empty when
     * they already agree or there is no CURRENT.
     */
    static Optional<String> repair(List<String> lines, Optional<String> current) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String live = current.get();
        List<String> stack = replay(lines);
        if (!stack.isEmpty() && stack.get(stack.size() - 1).equals(live)) {
            return Optional.empty();
        }
        int last = lastEntry(lines);
        if (last >= 0) {
            List<String> before = replay(lines.subList(0, last));
            if (!before.isEmpty() && before.get(before.size() - 1).equals(live)) {
                // The last line is an intent whose CURRENT was never written: undo it.
                String undone = parse(lines.get(last))[0];
                return Optional.of(line(PROMOTE.equals(undone) ? ROLLBACK : PROMOTE, live));
            }
        }
        // CURRENT was changed outside HISTORY: back to a version on the stack is a rollback, anything else a promote.
        return Optional.of(line(stack.contains(live) ? ROLLBACK : PROMOTE, live));
    }

    /** Index of the last promote or rollback line; -1 if there is none. */
    private static int lastEntry(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (parse(lines.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    /** {action, id} of a promote or rollback line; null for anything else. */
    private static String[] parse(String raw) {
        String[] parts = raw.trim().split(" ");
        if (parts.length != 2 || !(PROMOTE.equals(parts[0]) || ROLLBACK.equals(parts[0]))) {
            return null;
        }
        return parts;
    }

    /**
     * Replays lines into the promotion stack, oldest first. Consecutive duplicates (the same version promoted
     * twice) collapse into one entry.
     */
    static List<String> replay(List<String> lines) {
        List<String> stack = new ArrayList<>();
        for (String raw : lines) {
            String[] parts = parse(raw);
            if (parts == null) {
                continue;
            }
            String id = parts[1];
            if (PROMOTE.equals(parts[0])) {
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(id)) {
                    stack.add(id);
                }
            } else {
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
