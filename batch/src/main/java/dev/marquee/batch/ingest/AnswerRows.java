package dev.marquee.batch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The service's answer records (one JSON object each, see serving's {@code AnswerRecords}) into
 * typed rows, checked: a record that is not such an object, lacks a field, or carries a value out
 * of range becomes a row with its {@code reason} (quarantined), never an exception. The answer's
 * time is an instant; {@code date} is its date in the platform's zone (the lake's partition).
 */
public final class AnswerRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the answers' lake holds, plus {@code reason} and {@code record} for the quarantine. */
    public static final StructType SCHEMA = new StructType()
            .add("time", DataTypes.TimestampType, true)
            .add("user", DataTypes.LongType, true)
            .add("version", DataTypes.StringType, true)
            .add("arm", DataTypes.StringType, true)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("coldStart", DataTypes.BooleanType, true)
            .add("latencyMs", DataTypes.DoubleType, true)
            .add("status", DataTypes.IntegerType, true)
            .add("date", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("record", DataTypes.StringType, true)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false);

    private final long maxUserId;
    private final Instant notAfter;
    private final ZoneId platformZone;

    /**
     * @param maxUserId largest valid user id
     * @param notAfter latest valid answer time (the run's start plus the future tolerance)
     * @param platformZone the zone whose date partitions the lake
     */
    public AnswerRows(long maxUserId, Instant notAfter, ZoneId platformZone) {
        this.maxUserId = maxUserId;
        this.notAfter = notAfter;
        this.platformZone = platformZone;
    }

    /** The row for one record's text at (partition, offset). */
    public Row toRow(String record, int partition, long offset) {
        JsonNode a;
        try {
            a = record == null ? null : JSON.readTree(record);
        } catch (Exception e) {
            a = null;
        }
        if (a == null || !a.isObject()) {
            return rejected(record, "not_json_object", partition, offset);
        }
        String missing = missing(a, "time", "user", "arm", "movies", "coldStart", "latencyMs", "status");
        if (missing != null) {
            return rejected(record, "missing_" + missing, partition, offset);
        }
        Instant time;
        try {
            time = a.get("time").isTextual() ? Instant.parse(a.get("time").asText()) : null;
        } catch (DateTimeException e) {
            time = null;
        }
        if (time == null) {
            return rejected(record, "bad_time", partition, offset);
        }
        if (time.isAfter(notAfter)) {
            return rejected(record, "time_in_future", partition, offset);
        }
        JsonNode user = a.get("user");
        if (!user.canConvertToExactIntegral() || !user.canConvertToLong() || user.asLong() < 0 || user.asLong() > maxUserId) {
            return rejected(record, "bad_user", partition, offset);
        }
        JsonNode version = a.get("version");
        if (version != null && !version.isNull() && !version.isTextual()) {
            return rejected(record, "bad_version", partition, offset);
        }
        if (!a.get("arm").isTextual() || a.get("arm").asText().isBlank()) {
            return rejected(record, "bad_arm", partition, offset);
        }
        if (!a.get("movies").isArray()) {
            return rejected(record, "bad_movies", partition, offset);
        }
        List<String> movies = new ArrayList<>();
        for (JsonNode m : a.get("movies")) {
            if (!m.isTextual() || m.asText().isEmpty()) {
                return rejected(record, "bad_movies", partition, offset);
            }
            movies.add(m.asText());
        }
        if (!a.get("coldStart").isBoolean()) {
            return rejected(record, "bad_cold_start", partition, offset);
        }
        JsonNode latency = a.get("latencyMs");
        if (!latency.isNumber() || latency.asDouble() < 0 || !Double.isFinite(latency.asDouble())) {
            return rejected(record, "bad_latency", partition, offset);
        }
        JsonNode status = a.get("status");
        if (!status.isInt() || status.asInt() < 100 || status.asInt() > 599) {
            return rejected(record, "bad_status", partition, offset);
        }
        String v = version == null || version.isNull() ? null : version.asText();
        return RowFactory.create(Timestamp.from(time), user.asLong(), v, a.get("arm").asText(), movies.toArray(new String[0]),
                a.get("coldStart").asBoolean(), latency.asDouble(), status.asInt(),
                time.atZone(platformZone).toLocalDate().toString(), null, null, partition, offset);
    }

    private static String missing(JsonNode a, String... fields) {
        for (String f : fields) {
            if (!a.hasNonNull(f)) {
                return f;
            }
        }
        return null;
    }

    private static Row rejected(String record, String reason, int partition, long offset) {
        return RowFactory.create(null, null, null, null, null, null, null, null, null, reason, record, partition, offset);
    }
}
