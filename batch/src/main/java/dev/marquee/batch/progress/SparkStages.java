package dev.marquee.batch.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark stages running now, from Spark's listener bus: per stage its description, tasks done
 * of its total since it was submitted, and the records its tasks read (input plus shuffle reads:
 * finished tasks' metrics, and running tasks' as their executors' heartbeats report them). Spark
 * calls it on its bus thread and the ticker reads {@link #snapshot} on its own, hence the locks;
 * the plain methods are what the callbacks do, so that tests can drive it with a clock of their own.
 */
public final class SparkStages extends SparkListener {
    private static final List<String> RECORDS = List.of("internal.metrics.input.recordsRead",
            "internal.metrics.shuffle.read.recordsRead");

    /**
     * The running stages summed: ids, the first one's description, tasks done of total, tasks and
     * records per second since each stage was submitted (summed over the stages), records read.
     */
    public record Snapshot(List<Integer> ids, String description, long tasksDone, long tasksTotal,
            double tasksPerSecond, long records, double recordsPerSecond) {
        public boolean running() {
            return !ids.isEmpty();
        }
    }

    private static final class Stage {
        final String description;
        final int tasks;
        final long submitted;
        int done;
        long records;
        final Map<Long, Long> live = new HashMap<>();
        final Set<Long> ended = new HashSet<>();

        Stage(String description, int tasks, long submitted) {
            this.description = description;
            this.tasks = tasks;
            this.submitted = submitted;
        }
    }

    private final LongSupplier nanos;
    private final Map<Integer, Stage> running = new TreeMap<>();

    /** Stages timed by {@code nanos} ({@code System::nanoTime} in the job). */
    public SparkStages(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** A stage of {@code tasks} tasks was submitted (a retried attempt starts it again). */
    public synchronized void submitted(int stage, String description, int tasks) {
        running.put(stage, new Stage(description, tasks, nanos.getAsLong()));
    }

    /** A task ended; a successful one counts as done with the records it read. */
    public synchronized void taskEnded(int stage, long task, boolean success, long records) {
        Stage s = running.get(stage);
        if (s != null) {
            s.live.remove(task);
            s.ended.add(task);
            if (success) {
                s.done++;
                s.records += records;
            }
        }
    }

    /** A running task has read {@code records} so far. */
    public synchronized void reading(int stage, long task, long records) {
        Stage s = running.get(stage);
        if (s != null && !s.ended.contains(task)) {
            s.live.put(task, records);
        }
    }

    /** A stage completed, failed or was cancelled. */
    public synchronized void completed(int stage) {
        running.remove(stage);
    }

    /** The running stages as of {@code now} (on this object's clock). */
    public synchronized Snapshot snapshot(long now) {
        List<Integer> ids = new ArrayList<>(running.keySet());
        long done = 0;
        long total = 0;
        long records = 0;
        double taskRate = 0;
        double recordRate = 0;
        for (Stage s : running.values()) {
            long read = s.records + s.live.values().stream().mapToLong(Long::longValue).sum();
            double seconds = (now - s.submitted) / 1e9;
            done += s.done;
            total += s.tasks;
            records += read;
            if (seconds > 0) {
                taskRate += s.done / seconds;
                recordRate += read / seconds;
            }
        }
        String description = running.isEmpty() ? "" : running.values().iterator().next().description;
        return new Snapshot(List.copyOf(ids), description, done, total, taskRate, records, recordRate);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        StageInfo info = event.stageInfo();
        Properties p = event.properties();
        String job = p == null ? null : p.getProperty("spark.job.description");
        submitted(info.stageId(), describe(job == null || job.isBlank() ? info.name() : job), info.numTasks());
    }

    /**
     * A stage's name fit for a line: its first line ("Listing leaf files and directories for 60
     * paths", not the paths), at most 80 characters; empty for a Scala closure's name (the stages
     * Spark SQL runs on its own threads are "$anonfun$... at CompletableFuture.java"), which says nothing.
     */
    static String describe(String name) {
        if (name == null || name.contains("$anonfun$")) {
            return "";
        }
        String first = name.split("<br/>|\\R", 2)[0].strip().replaceFirst(":$", "");
        return first.length() <= 80 ? first : first.substring(0, 77) + "...";
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        TaskMetrics m = event.taskMetrics();
        long records = m == null ? 0 : m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead();
        taskEnded(event.stageId(), event.taskInfo().taskId(), event.taskInfo().successful(), records);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        completed(event.stageInfo().stageId());
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(event.accumUpdates())) {
            long records = 0;
            for (AccumulableInfo a : CollectionConverters.asJava(task._4())) {
                if (a.name().isDefined() && RECORDS.contains(a.name().get()) && a.update().isDefined()
                        && a.update().get() instanceof Long n) {
                    records += n;
                }
            }
            reading((Integer) task._2(), (Long) task._1(), records);
        }
    }
}
