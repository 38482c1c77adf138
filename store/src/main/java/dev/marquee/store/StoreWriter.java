package dev.marquee.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk-writes one store version: users streamed in increasing id order into the version's
 * database ({@code <versionDir>/db}, PlainTable tables, no write-ahead log, the memtable flushed
 * every {@code keysPerFile} keys), then {@link #publish} flushes, compacts it into one sorted run
 * and writes the manifest last.
 * A version may carry A/B arms ({@link #putArm}): further sets of lists in {@code arms/<arm>/db},
 * written the same way and listed in the manifest.
 * Further files that belong to the version (the batch job's evaluation report) are added with
 * {@link #addFile} before publishing, so the manifest lists them with their size and SHA-256 like
 * the database's files and verification covers them: nothing goes into a version after its manifest.
 * It never touches CURRENT: promote with {@link StoreLayout#promote}. Not thread-safe.
 *
 * <pre>{@code
 * try (StoreWriter w = StoreWriter.create(layout, layout.nextVersionId())) {
 *     w.coldStart(popular);
 *     for (...) w.put(userId, top20);
 *     w.addFile("evaluation.html", html);
 *     Manifest m = w.publish(lineage);
 * }
 * layout.promote(m.versionId());
 * }</pre>
 */
public final class StoreWriter implements AutoCloseable {

    /** Keys per flushed table file (the memtable is also flushed when it reaches 64 MiB). */
    public static final long DEFAULT_KEYS_PER_FILE = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final long PROGRESS_EVERY = 1_000_000;
    private static final long NO_USER_YET = -1;
    /** The name of a file added with {@link #addFile}: one plain file name in the version directory. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** The name of an A/B arm. */
    private static final Pattern ARM_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** The arm the version's own lists ({@code db/}) are answered as. */
    public static final String MAIN_ARM = "main";

    /** An arm's database being written. */
    private static final class Arm {
        private final TableWriter table;
        private long lastUserId = NO_USER_YET;
        private long users;

        private Arm(TableWriter table) {
            this.table = table;
        }

        TableWriter table() {
            return table;
        }

        long users() {
            return users;
        }
    }

    static {
        RocksDB.loadLibrary();
    }

    private final String versionId;
    private final Path versionDir;
    private final long keysPerFile;
    private final TableWriter db;
    private final Map<String, FileEntry> addedFiles = new TreeMap<>();
    private final Map<String, Arm> arms = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private long lastUserId = NO_USER_YET;
    private long userCount;
    private List<String> coldStart;
    private byte[] coldStartValue;
    private boolean published;
    private boolean closed;

    private StoreWriter(String versionId, Path versionDir, long keysPerFile, TableWriter db) {
        this.versionId = versionId;
        this.versionDir = versionDir;
        this.keysPerFile = keysPerFile;
        this.db = db;
    }

    /** Starts a version with {@link #DEFAULT_KEYS_PER_FILE} keys per SST file. */
    public static StoreWriter create(StoreLayout layout, String versionId) {
        return create(layout, versionId, DEFAULT_KEYS_PER_FILE);
    }

    /**
     * Starts a version, creating its directory. A leftover directory without a manifest (a crashed
     * earlier attempt) is deleted first.
     *
     * @throws StoreException if the version already has a manifest (was published)
     */
    public static StoreWriter create(StoreLayout layout, String versionId, long keysPerFile) {
        if (keysPerFile < 1) {
            throw new IllegalArgumentException("keysPerFile must be positive, got " + keysPerFile);
        }
        Path dir = layout.versionDir(versionId);
        if (Files.exists(dir.resolve(Manifest.FILE_NAME))) {
            throw new StoreException("version " + versionId + " already exists and is published: " + dir);
        }
        try {
            if (Files.exists(dir)) {
                LOG.warn("deleting incomplete version directory {} left by an earlier attempt", dir);
                deleteRecursively(dir);
            }
            Files.createDirectories(dir.resolve(DbFiles.DB_DIR));
        } catch (IOException e) {
            throw new StoreException("cannot create version directory " + dir + ": " + e.getMessage(), e);
        }
        TableWriter db = TableWriter.open("version " + versionId, dir.resolve(DbFiles.DB_DIR), keysPerFile);
        LOG.info("writing store version {} in {}", versionId, dir);
        return new StoreWriter(versionId, dir, keysPerFile, db);
    }

    /**
     * Adds one user's recommendations, best first.
     *
     * @throws IllegalArgumentException if the id is negative or not greater than the previous one,
     *     or a movie id cannot be encoded (see {@link Values#encode})
     */
    public void put(long userId, List<String> movieIds) {
        put(userId, movieIds, null);
    }

    /**
     * Adds one user's recommendations with their scores (one per id, or null for none), best first.
     *
     * @throws IllegalArgumentException as {@link #put(long, List)}, or if the scores do not match
     *     (see {@link Values#encode(List, float[])})
     */
    public void put(long userId, List<String> movieIds, float[] scores) {
        put(userId, movieIds, scores, movieIds.size());
    }

    /**
     * Adds one user's recommendations with their scores (one per id, or null for none), best first:
     * the first {@code bodyCount} ids are the answer, the rest spares that replace movies the user
     * watches after the version was built (ADR 0011).
     *
     * @throws IllegalArgumentException as {@link #put(long, List, float[])}, or if {@code bodyCount}
     *     is out of range (see {@link Values#encode(List, float[], int)})
     */
    public void put(long userId, List<String> movieIds, float[] scores, int bodyCount) {
        checkOpen();
        if (userId < 0) {
            throw new IllegalArgumentException("user ids must be non-negative, got " + userId);
        }
        if (userId <= lastUserId) {
            throw new IllegalArgumentException("user ids must be strictly increasing: " + userId + " after " + lastUserId);
        }
        db.put(Keys.userKey(userId), Values.encode(movieIds, scores, bodyCount));
        lastUserId = userId;
        userCount++;
        if (userCount % PROGRESS_EVERY == 0) {
            LOG.info("version {}: {} users written in {} ms", versionId, userCount, elapsedMillis());
        }
    }

    /** Sets the cold-start list served to unknown users (once, any time before {@link #publish}). */
    public void coldStart(List<String> movieIds) {
        coldStart(movieIds, null);
    }

    /** Sets the cold-start list with its scores (one per id, or null for none); see {@link #coldStart(List)}. */
    public void coldStart(List<String> movieIds, float[] scores) {
        coldStart(movieIds, scores, movieIds.size());
    }

    /** Sets the cold-start list with its scores, the first {@code bodyCount} ids the answer and the rest spares. */
    public void coldStart(List<String> movieIds, float[] scores, int bodyCount) {
        checkOpen();
        if (coldStart != null) {
            throw new IllegalStateException("cold-start list already set for version " + versionId);
        }
        coldStartValue = Values.encode(movieIds, scores, bodyCount);
        coldStart = List.copyOf(movieIds.subList(0, bodyCount));
    }

    /**
     * Adds one user's list to an A/B arm of the version: a second set of lists (tonight's runner-up,
     * a popularity control) kept in {@code arms/<arm>/db} beside the main one, which the service
     * answers from for the users its traffic split assigns to that arm. Users come in increasing id
     * order within each arm; a user the arm lacks gets the main list. Readers that predate arms
     * ignore them and serve the main lists.
     *
     * @param arm a name ({@code [a-z][a-z0-9-]*}, not {@value #MAIN_ARM})
     * @throws IllegalArgumentException as {@link #put(long, List, float[])}, or for a bad arm name
     */
    public void putArm(String arm, long userId, List<String> movieIds, float[] scores) {
        checkOpen();
        Arm a = arms.get(arm);
        if (a == null) {
            if (arm == null || !ARM_NAME.matcher(arm).matches() || arm.equals(MAIN_ARM)) {
                throw new IllegalArgumentException("not an arm name: " + arm);
            }
            Path dir = versionDir.resolve(DbFiles.ARMS_DIR).resolve(arm).resolve(DbFiles.DB_DIR);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot create arm " + arm + " of version " + versionId + ": " + e.getMessage(), e);
            }
            a = new Arm(TableWriter.open("arm " + arm + " of version " + versionId, dir, keysPerFile));
            arms.put(arm, a);
        }
        if (userId < 0 || userId <= a.lastUserId) {
            throw new IllegalArgumentException("arm " + arm + ": user ids must be non-negative and strictly increasing: "
                    + userId + " after " + a.lastUserId);
        }
        a.table().put(Keys.userKey(userId), Values.encode(movieIds, scores));
        a.lastUserId = userId;
        a.users++;
    }

    /**
     * Adds a file to the version, beside {@code db/} (written now, durably); the manifest will list
     * it with its size and SHA-256, so the version verifies only while it is unaltered.
     *
     * @param name a plain file name ({@code [A-Za-z0-9][A-Za-z0-9._-]*}), not the manifest's nor
     *     the database's ({@code db}), not added before
     * @throws IllegalArgumentException if the name is not allowed or already added
     * @throws StoreException if the file cannot be written
     */
    public void addFile(String name, byte[] content) {
        checkOpen();
        if (name == null || !FILE_NAME.matcher(name).matches() || name.equals(Manifest.FILE_NAME)
                || name.equals(DbFiles.DB_DIR) || name.equals(DbFiles.ARMS_DIR)) {
            throw new IllegalArgumentException("not a file name a version can hold: " + name);
        }
        if (addedFiles.containsKey(name)) {
            throw new IllegalArgumentException("file " + name + " already added to version " + versionId);
        }
        Path file = versionDir.resolve(name);
        try {
            AtomicFiles.write(file, content);
            addedFiles.put(name, new FileEntry(name, content.length, DbFiles.sha256(file)));
        } catch (IOException e) {
            throw new StoreException("cannot add " + name + " to version " + versionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the cold-start list, flushes and compacts the database into one sorted run, closes it, and writes the manifest
     * last (atomically), listing the database's files and those added with {@link #addFile}. Does
     * not touch CURRENT.
     *
     * @param lineage provenance recorded in the manifest (run id, model version, offsets, metrics)
     * @throws IllegalStateException if {@link #coldStart} was not called or publish already ran
     */
    public Manifest publish(Map<String, Object> lineage) {
        checkOpen();
        if (coldStart == null) {
            throw new IllegalStateException("coldStart(...) must be called before publish of version " + versionId);
        }
        try {
            db.put(Keys.COLD_START_KEY, coldStartValue);
            db.finish();
            Map<String, Long> armUsers = new TreeMap<>();
            for (Map.Entry<String, Arm> arm : arms.entrySet()) {
                arm.getValue().table().finish();
                armUsers.put(arm.getKey(), arm.getValue().users());
            }
            List<FileEntry> files = new ArrayList<>(DbFiles.fingerprint(versionDir));
            files.addAll(addedFiles.values());
            files.sort(Comparator.comparing(FileEntry::path));
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, versionId, Instant.now().toString(), userCount,
                    coldStart.size(), files, lineage, armUsers);
            manifest.write(versionDir.resolve(Manifest.FILE_NAME));
            published = true;
            LOG.info("published store version {}: {} users, {} cold-start ids, arms {}, {} flushes, compaction {} ms, {} ms in all",
                    versionId, userCount, coldStart.size(), armUsers, db.flushes(), db.compactMillis(), elapsedMillis());
            return manifest;
        } catch (IOException e) {
            throw new StoreException("cannot publish version " + versionId + ": " + e.getMessage(), e);
        }
    }

    /** Releases native resources; deletes the version directory if {@link #publish} did not complete. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        db.close();
        arms.values().forEach(a -> a.table().close());
        if (!published) {
            try {
                deleteRecursively(versionDir);
                LOG.warn("version {} was not published; deleted {}", versionId, versionDir);
            } catch (IOException e) {
                LOG.warn("version {} was not published and {} could not be deleted: {}", versionId, versionDir,
                        e.toString());
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("writer of version " + versionId + " is closed");
        }
        if (published) {
            throw new IllegalStateException("version " + versionId + " is already published");
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
