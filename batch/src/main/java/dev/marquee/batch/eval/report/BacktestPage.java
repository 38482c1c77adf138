package dev.marquee.batch.eval.report;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The backtest's page, in the evaluation report's style: NDCG@K per model per night, as a chart and a table. */
public final class BacktestPage {
    private BacktestPage() {}

    /**
     * One night's figures.
     *
     * @param end the night's test window end
     * @param cut its time cut
     * @param users returning users judged
     * @param ndcg by model
     * @param winner the model published that night
     */
    public record Row(LocalDateTime end, LocalDateTime cut, long users, Map<String, Double> ndcg, String winner) {}

    /** Writes the page (parent folders created). */
    public static void write(Path file, List<Row> nights, int k) {
        Pages.write(file, render(nights, k));
    }

    /** The page as text. */
    public static String render(List<Row> nights, int k) {
        Set<String> models = new LinkedHashSet<>();
        nights.forEach(n -> models.addAll(n.ndcg().keySet()));
        List<String> names = new ArrayList<>(models);
        List<String> labels = nights.stream().map(n -> n.end().toLocalDate().toString()).toList();
        double[][] values = new double[names.size()][nights.size()];
        for (int m = 0; m < names.size(); m++) {
            for (int n = 0; n < nights.size(); n++) {
                values[m][n] = nights.get(n).ndcg().getOrDefault(names.get(m), Double.NaN);
            }
        }
        StringBuilder h = new StringBuilder();
        h.append(Pages.head("Marquee backtest"))
                .append(fmt("<p>Every candidate as if the nightly job had run on each of the last %d nights: each night "
                        + "learns from the events up to its time cut, is tuned on the window before it and judged on "
                        + "what returning users did next (NDCG@%d). Bold: the model that night would have published.</p>\n",
                        nights.size(), k))
                .append("<h2>NDCG@").append(k).append(" per model per night</h2>\n")
                .append(Svg.lines(labels, names, values))
                .append("<table>\n<tr><th>night (test window end)</th><th>cut</th><th>users</th>");
        names.forEach(m -> h.append("<th>").append(HtmlReport.escape(m)).append("</th>"));
        h.append("</tr>\n");
        for (Row n : nights) {
            h.append("<tr><td>").append(HtmlReport.escape(n.end().toString())).append("</td><td>")
                    .append(HtmlReport.escape(n.cut().toString())).append("</td><td>").append(n.users()).append("</td>");
            for (String m : names) {
                Double v = n.ndcg().get(m);
                h.append(m.equals(n.winner()) ? "<td class=\"win\">" : "<td>")
                        .append(v == null ? "-" : fmt("%.4f", v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><td>mean</td><td></td><td></td>");
        for (int m = 0; m < names.size(); m++) {
            double sum = 0;
            int count = 0;
            for (double v : values[m]) {
                if (Double.isFinite(v)) {
                    sum += v;
                    count++;
                }
            }
            h.append(count == 0 ? "<td>-</td>" : fmt("<td>%.4f</td>", sum / count));
        }
        return h.append("</tr>\n</table>\n</body>\n</html>\n").toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
