package dev.marquee.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a store version, {@code <versionDir>/MANIFEST.json}, written last: its presence
 * and successful verification is what makes a version complete.
 *
 * @param formatVersion on-disk format: 4 (PlainTable tables, values carry spare movies after the
 *     body, ADR 0011) is written; readers also read 3 (PlainTable, no spares, ADR 0010), 2
 *     (block-based tables; values carry scores, ADR 0008) and 1 (values are the text alone), and
 *     refuse anything else
 * @param versionId the version directory's name, e.g. {@code v000042}
 * @param createdAt ISO-8601 instant of publication
 * @param userCount number of user keys
 * @param coldStartCount number of ids in the cold-start list
 * @param files every file of the version with size and SHA-256, paths relative to the version
 *     directory: the database's ({@code db/...}) and those added beside it ({@link StoreWriter#addFile})
 * @param lineage free-form provenance from the batch job (run id, model version, offsets, metrics)
 * @param arms the version's A/B arms beside its main lists ({@code arms/<name>/db}) with their user
 *     counts; empty for a version without (and for every version written before arms existed).
 *     Readers that predate arms ignore the field and serve the main lists.
 */
public record Manifest(int formatVersion, String versionId, String createdAt, long userCount,
        int coldStartCount, List<FileEntry> files, Map<String, Object> lineage, Map<String, Long> arms) {

    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 4;

    /** The oldest format version this code still reads (values without scores). */
    public static final int OLDEST_READABLE_FORMAT = 1;

    /** File name of the manifest inside a version directory. */
    public static final String FILE_NAME = "MANIFEST.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        files = files == null ? List.of() : List.copyOf(files);
        lineage = lineage == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
        arms = arms == null ? Map.of() : Collections.unmodifiableMap(new java.util.TreeMap<>(arms));
    }

    /** A manifest without arms. */
    public Manifest(int formatVersion, String versionId, String createdAt, long userCount, int coldStartCount,
            List<FileEntry> files, Map<String, Object> lineage) {
        this(formatVersion, versionId, createdAt, userCount, coldStartCount, files, lineage, Map.of());
    }

    /**
     * Reads a manifest file.
     *
     * @throws StoreException if it is missing or not a parseable manifest
     */
    public static Manifest read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new StoreException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this manifest to {@code file} atomically (temp file, fsync, rename). */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new StoreException("cannot write manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
