package dev.marquee.batch.eval.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts as text, so the report needs no script or network. */
final class Svg {
    static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int W = 720;
    private static final int H = 300;
    private static final int LEFT = 50;
    private static final int BOTTOM = 40;
    private static final int TOP = 40;

    private Svg() {}

    /** Grouped bars: one group per label, one bar per series (values in [0, max]). */
    static String bars(List<String> groups, String[] series, double[][] values) {
        double max = niceMax(values);
        StringBuilder s = open("bar chart");
        axis(s, max);
        int plotW = W - LEFT - 10;
        double groupW = (double) plotW / Math.max(1, groups.size());
        double barW = groupW * 0.8 / series.length;
        for (int g = 0; g < groups.size(); g++) {
            double x0 = LEFT + g * groupW + groupW * 0.1;
            for (int m = 0; m < series.length; m++) {
                double h = values[g][m] / max * (H - TOP - BOTTOM);
                s.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s %.4f</title></rect>\n",
                        x0 + m * barW, H - BOTTOM - h, barW - 1, h, COLOURS[m % COLOURS.length],
                        HtmlReport.escape(groups.get(g)), series[m], values[g][m]));
            }
            s.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>\n",
                    x0 + groupW * 0.4, H - BOTTOM + 16, HtmlReport.escape(groups.get(g))));
        }
        legend(s, series);
        return s.append("</svg>\n").toString();
    }

    /** One line through the points, labelled below by {@code labels}. */
    static String line(List<String> labels, double[] values, String name) {
        double max = niceMax(new double[][] {values});
        StringBuilder s = open("line chart");
        axis(s, max);
        int plotW = W - LEFT - 20;
        double step = labels.size() > 1 ? (double) plotW / (labels.size() - 1) : 0;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + 10 + i * step;
            double y = H - BOTTOM - values[i] / max * (H - TOP - BOTTOM);
            points.append(fmt("%.1f,%.1f ", x, y));
            s.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s %.4f</title></circle>\n",
                    x, y, COLOURS[0], HtmlReport.escape(labels.get(i)), name, values[i]));
            s.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n",
                    x, H - BOTTOM + 14, HtmlReport.escape(labels.get(i))));
        }
        s.append(fmt("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                points.toString().trim(), COLOURS[0]));
        legend(s, new String[] {name});
        return s.append("</svg>\n").toString();
    }

    /** One line per series through the points, x labelled below by {@code labels}; NaN points are skipped. */
    static String lines(List<String> labels, List<String> series, double[][] values) {
        double max = niceMax(values);
        StringBuilder s = open("line chart");
        axis(s, max);
        int plotW = W - LEFT - 60; // room for the last label
        double step = labels.size() > 1 ? (double) plotW / (labels.size() - 1) : 0;
        for (int i = 0; i < labels.size(); i++) {
            s.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n",
                    LEFT + 10 + i * step, H - BOTTOM + 14, HtmlReport.escape(labels.get(i))));
        }
        for (int m = 0; m < series.size(); m++) {
            String colour = COLOURS[m % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < labels.size(); i++) {
                double v = values[m][i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = LEFT + 10 + i * step;
                double y = H - BOTTOM - v / max * (H - TOP - BOTTOM);
                points.append(fmt("%.1f,%.1f ", x, y));
                s.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s %.4f</title></circle>\n",
                        x, y, colour, HtmlReport.escape(labels.get(i)), HtmlReport.escape(series.get(m)), v));
            }
            s.append(fmt("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                    points.toString().trim(), colour));
        }
        legend(s, series.stream().map(HtmlReport::escape).toArray(String[]::new));
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder open(String label) {
        return new StringBuilder(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n", W, H, W, H, label));
    }

    private static void axis(StringBuilder s, double max) {
        s.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, TOP, LEFT, H - BOTTOM));
        s.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, H - BOTTOM, W - 10, H - BOTTOM));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = H - BOTTOM - (double) t / 4 * (H - TOP - BOTTOM);
            s.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%.3f</text>\n", LEFT - 4, y + 3, v));
            s.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, y, W - 10, y));
        }
    }

    private static void legend(StringBuilder s, String[] series) {
        for (int m = 0; m < series.length; m++) {
            int x = LEFT + 10 + (m % 5) * 130;
            int y = 4 + (m / 5) * 16;
            s.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y,
                    COLOURS[m % COLOURS.length]));
            s.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", x + 16, y + 10, series[m]));
        }
    }

    private static double niceMax(double[][] values) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max <= 0 ? 1 : max * 1.1;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
