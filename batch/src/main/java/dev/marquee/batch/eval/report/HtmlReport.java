package dev.marquee.batch.eval.report;

import dev.marquee.batch.eval.holdout.Protocol;
import dev.marquee.batch.eval.metrics.ModelEvaluation;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One static HTML page (inline SVG, no script, no network) with this run's metrics and the trend. */
public final class HtmlReport {
    private HtmlReport() {}

    /** Writes the page to {@code file} (parent folders created), replacing it. */
    public static void write(Path file, EvaluationReport report, List<HistoryEntry> history) {
        Pages.write(file, render(report, history));
    }

    /** As above, with a further section (HTML, e.g. {@link OnlinePage#section}) at the end of the page. */
    public static void write(Path file, EvaluationReport report, List<HistoryEntry> history, String section) {
        String page = render(report, history);
        int end = page.lastIndexOf("</body>");
        Pages.write(file, page.substring(0, end) + section + page.substring(end));
    }

    /** The page as text. */
    public static String render(EvaluationReport report, List<HistoryEntry> history) {
        Protocol p = report.protocol();
        int k = p.k();
        StringBuilder h = new StringBuilder();
        h.append(Pages.head("Marquee evaluation"))
                .append(fmt("<p>Global time cut: models learned from every event up to %s and are judged on what "
                        + "%d returning users did next, until %s (tuned on the window before, from %s); K=%d. "
                        + "%d new users were judged on the cold-start list; %.1f%% of the window's new pairs were "
                        + "movies unknown at the cut, which no model could list.%s</p>\n", escape(p.cut()),
                        p.usersEvaluated(), escape(p.end()), escape(p.validationCut()), k, p.newUsers(),
                        100 * p.unreachableShare(), p.userShare() < 1 ? fmt(" Models were tuned and compared on a "
                                + "hash sample of %.1f%% of the users (whole histories); the winner was refitted on "
                                + "everyone.", 100 * p.userShare()) : ""));
        String[] series = {"NDCG@" + k, "P@" + k, "R@" + k, "MAP@" + k};
        List<String> names = new ArrayList<>(report.models().keySet());
        double[][] values = new double[names.size()][];
        int g = 0;
        for (ModelEvaluation e : report.models().values()) {
            RankingMetrics r = e.ranking();
            values[g++] = new double[] {r.ndcg(), r.precision(), r.recall(), r.map()};
        }
        h.append("<h2>Ranking quality per model</h2>\n").append(Svg.bars(names, series, values));
        h.append("<h2>All metrics</h2>\n<table>\n<tr><th>model</th><th>users</th>");
        for (String s : series) {
            h.append("<th>").append(s).append("</th>");
        }
        h.append("<th>coverage</th><th>filled share</th><th>fit s</th><th>setting</th></tr>\n");
        for (Map.Entry<String, ModelEvaluation> e : report.models().entrySet()) {
            RankingMetrics r = e.getValue().ranking();
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(r.users()).append("</td>");
            for (double v : new double[] {r.ndcg(), r.precision(), r.recall(), r.map(), r.coverage(), r.coldStartShare()}) {
                h.append(fmt("<td>%.4f</td>", v));
            }
            h.append(fmt("<td>%.1f</td>", e.getValue().fitSeconds()))
                    .append("<td>").append(escape(String.valueOf(e.getValue().setting()))).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (!report.coldStart().isEmpty()) {
            h.append("<h2>Cold-start lists on new users</h2>\n<table>\n<tr><th>formula</th><th>users</th><th>NDCG@")
                    .append(k).append("</th><th>R@").append(k).append("</th></tr>\n");
            for (Map.Entry<String, RankingMetrics> e : report.coldStart().entrySet()) {
                h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(e.getValue().users())
                        .append(fmt("</td><td>%.4f</td><td>%.4f</td></tr>\n", e.getValue().ndcg(), e.getValue().recall()));
            }
        }
        h.append("</table>\n<h2>NDCG@").append(k).append(" across versions</h2>\n");
        if (history.isEmpty()) {
            h.append("<p>No published version yet.</p>\n");
        } else {
            List<String> labels = history.stream().map(HistoryEntry::versionId).toList();
            double[] ndcg = history.stream().mapToDouble(HistoryEntry::ndcg).toArray();
            h.append(Svg.line(labels, ndcg, "NDCG@" + k));
            h.append("<table>\n<tr><th>version</th><th>created</th><th>NDCG@").append(k).append("</th><th>P@").append(k)
                    .append("</th><th>R@").append(k).append("</th><th>coverage</th></tr>\n");
            for (HistoryEntry e : history) {
                h.append("<tr><td>").append(escape(e.versionId())).append("</td><td>").append(escape(e.createdAt()))
                        .append(fmt("</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>\n",
                                e.ndcg(), e.precision(), e.recall(), e.coverage()));
            }
            h.append("</table>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
