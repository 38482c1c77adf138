package dev.marquee.devkit.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Writes log lines to files of at most N lines each, {@code log-00000.txt}, {@code log-00001.txt}, ... (or
 * {@code .txt.gz}), one line per event ending in '\n'. The caller's thread pulls the lines; a second thread
 * encodes, compresses and writes them, handed chunks of lines through a small bounded queue (a few MB), so
 * generating and writing use two cores.
 */
public final class FileSink {

    private static final int BUFFER = 1 << 16;
    private static final int CHUNK = 8192;
    private static final String[] END = new String[0];

    private FileSink() {
    }

    /**
     * What was written.
     *
     * @param files the files, in order
     * @param lines lines written
     * @param bytes bytes on disk (compressed when gzip)
     */
    public record Written(List<Path> files, long lines, long bytes) {

        public Written {
            files = List.copyOf(files);
        }
    }

    /** Writes every line of {@code lines} into {@code dir} (created if needed). */
    public static Written write(Iterator<String> lines, Path dir, long linesPerFile, boolean gzip)
            throws IOException {
        if (linesPerFile < 1) {
            throw new IllegalArgumentException("linesPerFile must be positive: " + linesPerFile);
        }
        Files.createDirectories(dir);
        BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(16);
        FutureTask<Written> writer = new FutureTask<>(() -> drain(queue, dir, linesPerFile, gzip));
        Thread thread = new Thread(writer, "file-sink");
        thread.setDaemon(true);
        thread.start();
        try {
            String[] chunk = new String[CHUNK];
            int n = 0;
            while (lines.hasNext()) {
                chunk[n++] = lines.next();
                if (n == CHUNK) {
                    hand(queue, writer, chunk);
                    chunk = new String[CHUNK];
                    n = 0;
                }
            }
            if (n > 0) {
                hand(queue, writer, Arrays.copyOf(chunk, n));
            }
            hand(queue, writer, END);
            return writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + dir);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException("writing " + dir + " failed", e.getCause()));
        } finally {
            writer.cancel(true);
        }
    }

    /** Queues a chunk, or returns early when the writer has stopped (its failure then surfaces from get()). */
    private static void hand(BlockingQueue<String[]> queue, FutureTask<Written> writer, String[] chunk)
            throws InterruptedException, ExecutionException {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (writer.isDone()) {
                writer.get();
                throw new IllegalStateException("file writer stopped early");
            }
        }
    }

    private static Written drain(BlockingQueue<String[]> queue, Path dir, long linesPerFile, boolean gzip)
            throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        long inFile = 0;
        Writer w = null;
        try {
            for (String[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                for (String line : chunk) {
                    if (w == null || inFile == linesPerFile) {
                        if (w != null) {
                            w.close();
                        }
                        Path file = dir.resolve(String.format("log-%05d.txt%s", files.size(), gzip ? ".gz" : ""));
                        files.add(file);
                        w = open(file, gzip);
                        inFile = 0;
                    }
                    w.write(line);
                    w.write('\n');
                    inFile++;
                    total++;
                }
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return new Written(files, total, bytes);
    }

    private static Writer open(Path file, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        if (gzip) {
            out = new GZIPOutputStream(out, BUFFER);
        }
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }
}
