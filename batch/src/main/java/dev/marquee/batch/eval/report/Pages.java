package dev.marquee.batch.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the static HTML pages share: the head and style, and writing the file. */
final class Pages {
    private Pages() {}

    /** The document up to and including the page's {@code <h1>}. */
    static String head(String title) {
        String t = HtmlReport.escape(title);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + t + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}td.win{font-weight:bold}</style>\n</head>\n<body>\n"
                + "<h1>" + t + "</h1>\n";
    }

    /** Writes {@code html} to {@code file} (parent folders created), replacing it. */
    static void write(Path file, String html) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the page " + file, e);
        }
    }
}
