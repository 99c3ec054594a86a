package dev.jdnn.bench.report;

import dev.jdnn.bench.run.PerfResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A self-contained HTML report of a performance run: an SVG bar chart of each problem's GFLOP/s
 * against the measured FMA peak (a dashed line), and a table of every problem. No scripts, no
 * external resources: the file can be mailed or archived as it is.
 */
public final class HtmlReport {
    private static final int BAR_HEIGHT = 16;
    private static final int LABEL_WIDTH = 330;
    private static final int CHART_WIDTH = 560;

    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param file       where
     * @param results    the measured problems, in run order
     * @param peakGflops the FMA peak measured for the run
     * @param threads    the engine's thread count the peak was measured with
     * @param summary    the run's summary lines
     */
    public static void write(Path file, List<PerfResult> results, double peakGflops, int threads, List<String> summary)
            throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>jdnn benchmark report</title>\n")
                .append("<style>body{font:14px sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.l,th.l{text-align:left}")
                .append("tr:nth-child(even){background:#f6f6f6}pre{background:#f6f6f6;padding:.5em}</style></head><body>\n")
                .append("<h1>jdnn benchmark report</h1>\n<p>")
                .append(escape(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append(". Measured FMA peak: <b>").append(Numbers.g(peakGflops)).append(" GFLOP/s</b> on ").append(threads)
                .append(" thread").append(threads == 1 ? "" : "s").append(" (Java Vector API, preferred species); Java ")
                .append(escape(System.getProperty("java.version"))).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors.</p>\n<pre>");
        summary.forEach(line -> h.append(escape(line)).append('\n'));
        h.append("</pre>\n<h2>GFLOP/s per problem</h2>\n");
        chart(h, results, peakGflops);
        h.append("<h2>Problems</h2>\n");
        table(h, results, peakGflops);
        h.append("</body></html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, h);
    }

    private static void chart(StringBuilder h, List<PerfResult> results, double peak) {
        List<PerfResult> counted = results.stream().filter(r -> r.problem().flops() > 0).toList();
        if (counted.isEmpty()) {
            h.append("<p>No problem with a flop count was measured.</p>\n");
            return;
        }
        double max = Math.max(peak, counted.stream().mapToDouble(PerfResult::gflopsAtMin).max().orElse(1));
        double scale = CHART_WIDTH / max;
        int height = counted.size() * (BAR_HEIGHT + 4) + 40;
        int width = LABEL_WIDTH + CHART_WIDTH + 120;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-size=\"11\">\n");
        int y = 20;
        for (PerfResult r : counted) {
            double g = r.gflopsAtMin();
            h.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 12).append("\" text-anchor=\"end\">")
                    .append(escape(label(r))).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format("%.1f", Math.max(1, g * scale))).append("\" height=\"").append(BAR_HEIGHT)
                    .append("\" fill=\"#4a7fb5\"><title>").append(escape(r.implName())).append("</title></rect>")
                    .append("<text x=\"").append(String.format("%.1f", LABEL_WIDTH + g * scale + 4)).append("\" y=\"")
                    .append(y + 12).append("\">").append(Numbers.g(g)).append("</text>\n");
            y += BAR_HEIGHT + 4;
        }
        double px = LABEL_WIDTH + peak * scale;
        h.append("<line x1=\"").append(String.format("%.1f", px)).append("\" y1=\"10\" x2=\"").append(String.format("%.1f", px))
                .append("\" y2=\"").append(y).append("\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>")
                .append("<text x=\"").append(String.format("%.1f", px)).append("\" y=\"").append(y + 14)
                .append("\" text-anchor=\"middle\" fill=\"#c0392b\">FMA peak ").append(Numbers.g(peak)).append(" GFLOP/s</text>\n</svg>\n");
    }

    private static void table(StringBuilder h, List<PerfResult> results, double peak) {
        h.append("<table><tr><th>#</th><th class=\"l\">driver</th><th class=\"l\">problem</th><th class=\"l\">impl</th>")
                .append("<th>GFLOP</th><th>min ms</th><th>avg ms</th><th>runs</th><th>GFLOP/s</th><th>% of peak</th><th>GB/s</th></tr>\n");
        for (PerfResult r : results) {
            double g = r.gflopsAtMin();
            double gbs = (r.inputBytes() + r.outputBytes()) / (r.measurement().minMs() * 1e6);
            h.append("<tr><td>").append(r.index()).append("</td><td class=\"l\">").append(escape(r.problem().driver()))
                    .append("</td><td class=\"l\">").append(escape(r.problem().descriptor())).append("</td><td class=\"l\">")
                    .append(escape(r.implName())).append("</td><td>").append(Numbers.g(r.problem().flops() / 1e9))
                    .append("</td><td>").append(Numbers.g(r.measurement().minMs())).append("</td><td>")
                    .append(Numbers.g(r.measurement().avgMs())).append("</td><td>").append(r.measurement().count())
                    .append("</td><td>").append(r.problem().flops() > 0 ? Numbers.g(g) : "")
                    .append("</td><td>").append(r.problem().flops() > 0 ? String.format("%.1f", 100 * g / peak) : "")
                    .append("</td><td>").append(Numbers.g(gbs)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String label(PerfResult r) {
        String name = r.problem().name().isEmpty() ? r.problem().descriptor() : r.problem().name();
        return r.problem().driver() + " " + (name.length() > 48 ? name.substring(0, 45) + "..." : name);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
