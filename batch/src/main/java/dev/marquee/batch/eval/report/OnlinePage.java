package dev.marquee.batch.eval.report;

import dev.marquee.batch.online.OnlineReport;
import dev.marquee.batch.online.OnlineRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Online evaluation in HTML: hit rate per {@code version/arm} over days (inline SVG) and the table of
 * every figure; a section of the evaluation report, or a page of its own ({@code marquee online}).
 */
public final class OnlinePage {
    private OnlinePage() {}

    /** The section: a heading, what was judged, the chart and the table. */
    public static String section(OnlineReport report) {
        StringBuilder h = new StringBuilder("<h2>Online hit rate per version and arm</h2>\n");
        h.append(fmt("<p>Answers the service recorded, joined with what the same user watched or rated within %s "
                + "after each (lake run %d, latest event %s): %d answers judged; %d more wait for their window to end "
                + "and are left for a later night.</p>\n", HtmlReport.escape(report.window()), report.snapshotRun(),
                HtmlReport.escape(report.latestEvent()), report.evaluated(), report.pending()));
        if (report.rows().isEmpty()) {
            return h.append("<p>No answers to judge yet.</p>\n").toString();
        }
        List<String> days = new ArrayList<>(new TreeSet<>(report.rows().stream().map(OnlineRow::day).toList()));
        List<String> series = new ArrayList<>(new TreeSet<>(report.rows().stream().map(OnlineRow::series).toList()));
        double[][] values = new double[series.size()][days.size()];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        for (OnlineRow r : report.rows()) {
            values[series.indexOf(r.series())][days.indexOf(r.day())] = r.hitRate();
        }
        h.append(Svg.lines(days, series, values));
        h.append("<table>\n<tr><th>version/arm</th><th>day</th><th>answers</th><th>users</th><th>hit rate</th>"
                + "<th>first hit (mean position)</th><th>minutes watched</th><th>cold-start share</th>"
                + "<th>p50 ms</th><th>p99 ms</th><th>non-200 share</th></tr>\n");
        for (OnlineRow r : report.rows()) {
            h.append("<tr><td>").append(HtmlReport.escape(r.series())).append("</td><td>").append(r.day())
                    .append(fmt("</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.2f</td><td>%d</td><td>%.4f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.4f</td></tr>\n", r.answers(), r.users(), r.hitRate(),
                            r.meanFirstHit(), r.minutesWatched(), r.coldStartShare(), r.latencyP50(), r.latencyP99(),
                            r.non200Share()));
        }
        return h.append("</table>\n").toString();
    }

    /** A page of its own with the section, replacing {@code file}. */
    public static void write(Path file, OnlineReport report) {
        Pages.write(file, Pages.head("Marquee online evaluation") + section(report) + "</body>\n</html>\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
