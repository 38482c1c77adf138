package dev.marquee.batch.eval.report;

import dev.marquee.batch.drift.DriftReport;
import dev.marquee.batch.drift.Figure;
import dev.marquee.batch.ingest.DataReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's data report as a page ({@code lake/_reports/run-N-data.html}): the records by kind and
 * reject reason, the verdict, and each drift figure's distribution this run beside the reference's
 * (a bar chart) with its statistic and the level it reached.
 */
public final class DataPage {
    private DataPage() {}

    /** Writes the page to {@code file}, replacing it. */
    public static void write(Path file, DataReport report, Optional<DriftReport> drift) {
        Pages.write(file, render(report, drift));
    }

    /** The page as text. */
    public static String render(DataReport report, Optional<DriftReport> drift) {
        StringBuilder h = new StringBuilder(Pages.head("Marquee data report, run " + report.run()));
        h.append(fmt("<p>%,d records, %.2f%% rejected. Verdict: <b>%s</b></p>\n", report.records(),
                100 * report.rejectedShare(), HtmlReport.escape(report.verdict())));
        h.append("<table>\n<tr><th>kind or reject reason</th><th>records</th></tr>\n");
        table(h, report.byKind(), "");
        table(h, report.rejectedByReason(), "rejected: ");
        h.append("</table>\n<h2>Drift</h2>\n");
        if (drift.isEmpty()) {
            return h.append("<p>Not measured: drift is off (marquee.batch.drift.enabled), the run brought nothing"
                    + " new, or an earlier check stopped it.</p>\n</body>\n</html>\n").toString();
        }
        DriftReport d = drift.get();
        h.append(d.referenceRuns().isEmpty() ? "<p>No reference yet: nothing was compared (the first runs).</p>\n"
                : fmt("<p>Against runs %s. Level: <b>%s</b>. New users: %.2f%% of the run's active users.</p>\n",
                        d.referenceRuns(), d.level(), 100 * d.newUserShare()));
        h.append("<table>\n<tr><th>figure</th><th>statistic</th><th>level</th></tr>\n");
        for (Figure f : d.list()) {
            h.append("<tr><td>").append(f.name()).append("</td><td>").append(HtmlReport.escape(f.describe()))
                    .append("</td><td>").append(f.level()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Figure f : d.list()) {
            h.append("<h3>").append(f.name()).append(": ").append(HtmlReport.escape(f.describe())).append(", ")
                    .append(f.level()).append("</h3>\n");
            boolean ref = f.reference().length == f.current().length;
            double[][] values = new double[f.bins().size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = ref ? new double[] {f.current()[i], f.reference()[i]} : new double[] {f.current()[i]};
            }
            h.append(Svg.bars(f.bins(), ref ? new String[] {"this run", "reference"} : new String[] {"this run"}, values));
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder h, Map<String, Long> counts, String prefix) {
        counts.forEach((k, n) -> h.append("<tr><td>").append(HtmlReport.escape(prefix + k)).append("</td>")
                .append(fmt("<td>%,d</td></tr>\n", n)));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
