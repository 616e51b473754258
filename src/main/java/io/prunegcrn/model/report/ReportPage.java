package io.prunegcrn.model.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.backtest.FailureCurve;

/**
 * The decision report as one printable HTML page: no script, the map and the failure curve as inline SVG, so that it
 * prints, saves and mails as it is.
 */
final class ReportPage {

    private static final int MAP_WIDTH = 640;
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;color:#1f2937;max-width:900px;margin:24px auto;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d1d5db}
            .sub{color:#4b5563;margin:0 0 12px}table{border-collapse:collapse;margin:6px 0}
            td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}th{font-weight:600}
            .num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#6b7280}
            .cols{columns:3;column-gap:28px}.cols table{width:100%}svg{max-width:100%;height:auto}
            @media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid}a{color:inherit}}
            """;

    private ReportPage() {
    }

    static String render(DecisionReport r) {
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Decision report — ")
                .append(esc(r.modelId())).append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>Decision report: ").append(esc(r.modelId())).append("</h1><p class=\"sub\">")
                .append(esc(r.method())).append(" on ").append(esc(r.datasetId())).append(", γ = ").append(fmt(r.gamma(), 2))
                .append(", made ").append(esc(r.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString()
                        .replace('T', ' ').replace("Z", " UTC"))).append("</p>");

        h.append("<section><h2>Budget</h2><table>")
                .append(row("Sensors kept", r.sensorsKept() + " of " + r.sensors() + " (budget ⌈γN⌉ = " + r.budget() + ")"))
                .append(row("Sensors that can be switched off", String.valueOf(r.sensors() - r.sensorsKept())))
                .append(row("Test MAE / RMSE / MAPE", fmt(r.test().average().mae(), 3) + " / " + fmt(r.test().average().rmse(), 3)
                        + " / " + fmt(r.test().average().mape(), 2) + " %"))
                .append("</table></section>");

        h.append("<section><h2>Cost</h2><table>");
        if (r.fullModel() != null) {
            h.append(row("Against the full model " + r.fullModel().modelId() + " (" + r.fullModel().sensorsKept() + " sensors, test MAE "
                    + fmt(r.fullModel().testMae(), 3) + ")", signedPercent(r.fullModel().cost()) + " test MAE"));
        } else {
            h.append(row("Against the full model", "no model of this dataset reads every sensor yet (train one with method full)"));
        }
        Yardsticks y = r.yardsticks();
        if (y != null) {
            h.append(row("Against ridge regression on the same " + y.sensors() + " sensors (test MAE " + fmt(y.ridgeMae(), 3) + ")",
                    signedPercent(y.costVsRidge()) + " test MAE"));
            h.append(row("Against ridge on " + y.randomMaes().size() + " random sets of " + y.sensors() + " sensors (mean "
                    + fmt(y.randomMeanMae(), 3) + ", sd " + fmt(y.randomSdMae(), 3) + ")", signedPercent(y.costVsRandom()) + " test MAE"));
        } else {
            h.append(row("Against the yardsticks", "not computed yet: GET /api/v1/models/" + r.modelId()
                    + "/yardsticks (ridge on the same and on random sensors; the model page's button)"));
        }
        h.append("</table></section>");

        h.append("<section><h2>Constraints</h2><table>")
                .append(row("Must keep", r.mustKeep().isEmpty() ? "none" : String.join(", ", r.mustKeep())))
                .append(row("Must drop", r.mustDrop().isEmpty() ? "none" : String.join(", ", r.mustDrop())))
                .append("</table></section>");

        h.append("<section><h2>Sensors kept</h2>");
        if (r.located()) {
            map(h, r);
        } else {
            h.append("<p class=\"muted\">The dataset has no coordinates: no map.</p>");
        }
        h.append("<table><thead><tr><th class=\"num\">Rank</th><th>Sensor</th><th class=\"num\">Raw mask</th>"
                + "<th class=\"num\">Test MAE</th><th class=\"num\">Latitude</th><th class=\"num\">Longitude</th></tr></thead><tbody>");
        r.sensorErrors().stream().filter(SensorRow::retained).sorted(Comparator.comparing(SensorRow::rank)).forEach(s -> h
                .append("<tr><td class=\"num\">").append(s.rank()).append("</td><td>").append(esc(s.sensorId()))
                .append("</td><td class=\"num\">").append(fmt(s.rawMask(), 3)).append("</td><td class=\"num\">")
                .append(fmt(s.testMae(), 3)).append("</td><td class=\"num\">").append(s.located() ? fmt(s.latitude(), 5) : "–")
                .append("</td><td class=\"num\">").append(s.located() ? fmt(s.longitude(), 5) : "–").append("</td></tr>"));
        h.append("</tbody></table></section>");

        h.append("<section><h2>Error at every sensor</h2><p>Test MAE at the sensors the model reads: ")
                .append(r.keptMae() == null ? "–" : fmt(r.keptMae(), 3)).append("; at those it switches off: ")
                .append(r.droppedMae() == null ? "–" : fmt(r.droppedMae(), 3))
                .append(". Worst first; ● read, ○ switched off.</p><div class=\"cols\"><table><tbody>");
        r.sensorErrors().stream().sorted(Comparator.comparing(SensorRow::testMae).reversed()).forEach(s -> h
                .append("<tr><td>").append(s.retained() ? "●" : "○").append(' ').append(esc(s.sensorId()))
                .append("</td><td class=\"num\">").append(fmt(s.testMae(), 3)).append("</td></tr>"));
        h.append("</tbody></table></div></section>");

        h.append("<section><h2>Sensor failures</h2>");
        failures(h, r.failureCurve(), r.modelId());
        h.append("</section>");

        h.append("<section><h2>Metrics per horizon</h2><table><thead><tr><th>Horizon</th><th class=\"num\">MAE</th>"
                + "<th class=\"num\">RMSE</th><th class=\"num\">MAPE</th></tr></thead><tbody>");
        for (ForecastMetrics.HorizonMetrics m : r.test().perHorizon()) {
            h.append("<tr><td>").append(m.step()).append(" (").append(5 * m.step()).append(" min)</td><td class=\"num\">")
                    .append(fmt(m.mae(), 3)).append("</td><td class=\"num\">").append(fmt(m.rmse(), 3)).append("</td><td class=\"num\">")
                    .append(fmt(m.mape(), 2)).append(" %</td></tr>");
        }
        h.append("</tbody></table></section></body></html>");
        return h.toString();
    }

    /** The sensors at their coordinates (longitude scaled by cos(latitude)): read ones as filled diamonds, others hollow. */
    private static void map(StringBuilder h, DecisionReport r) {
        List<SensorRow> s = r.sensorErrors();
        double lat0 = s.stream().mapToDouble(SensorRow::latitude).min().orElseThrow();
        double lat1 = s.stream().mapToDouble(SensorRow::latitude).max().orElseThrow();
        double lon0 = s.stream().mapToDouble(SensorRow::longitude).min().orElseThrow();
        double lon1 = s.stream().mapToDouble(SensorRow::longitude).max().orElseThrow();
        double kx = Math.cos(Math.toRadians((lat0 + lat1) / 2));
        double w = Math.max((lon1 - lon0) * kx, 1e-6);
        double hgt = Math.max(lat1 - lat0, 1e-6);
        double pad = 14;
        double scale = (MAP_WIDTH - 2 * pad) / Math.max(w, hgt);
        int height = (int) Math.ceil(hgt * scale + 2 * pad);
        h.append("<svg role=\"img\" aria-label=\"Map of the sensors\" viewBox=\"0 0 ").append(MAP_WIDTH).append(' ').append(height)
                .append("\" width=\"").append(MAP_WIDTH).append("\" height=\"").append(height).append("\">");
        // switched-off sensors first, so that the read ones are drawn over them
        for (SensorRow p : s.stream().sorted(Comparator.comparing(SensorRow::retained)).toList()) {
            double x = pad + (p.longitude() - lon0) * kx * scale;
            double y = pad + (lat1 - p.latitude()) * scale;
            if (p.retained()) {
                double d = 6;
                h.append("<path fill=\"#0072B2\" stroke=\"#111\" stroke-width=\"0.8\" d=\"M").append(fmt(x, 1)).append(',').append(fmt(y - d, 1))
                        .append(" L").append(fmt(x + d, 1)).append(',').append(fmt(y, 1)).append(" L").append(fmt(x, 1)).append(',')
                        .append(fmt(y + d, 1)).append(" L").append(fmt(x - d, 1)).append(',').append(fmt(y, 1)).append(" Z\"><title>")
                        .append(esc(p.sensorId())).append(" rank ").append(p.rank()).append("</title></path>");
            } else {
                h.append("<circle fill=\"#fff\" stroke=\"#6b7280\" stroke-width=\"1\" r=\"3\" cx=\"").append(fmt(x, 1)).append("\" cy=\"")
                        .append(fmt(y, 1)).append("\"><title>").append(esc(p.sensorId())).append("</title></circle>");
            }
        }
        h.append("</svg><p class=\"muted\">◆ read (").append(r.sensorsKept()).append("), ○ switched off (")
                .append(r.sensors() - r.sensorsKept()).append("); north up, longitude scaled by cos(latitude).</p>");
    }

    /** The failure curve as a table and a small chart, or how to compute it. */
    private static void failures(StringBuilder h, FailureCurve c, String modelId) {
        if (c == null) {
            h.append("<p class=\"muted\">Not computed yet: <code>GET /api/v1/models/").append(esc(modelId))
                    .append("/failure-curve</code> (or the model page) computes and stores it.</p>");
            return;
        }
        h.append("<p>Test MAE when a share of the ").append(c.sensorsKept()).append(" retained sensors fails for the whole test split (")
                .append(c.draws()).append(" random sets each); with none failing: ").append(fmt(c.noFailureMae(), 3)).append(".</p>");
        double max = c.points().stream().mapToDouble(FailureCurve.Point::maxMae).max().orElse(c.noFailureMae());
        double min = Math.min(c.noFailureMae(), c.points().stream().mapToDouble(FailureCurve.Point::minMae).min().orElse(c.noFailureMae()));
        double span = Math.max(max - min, 1e-6);
        int width = 480;
        int height = 180;
        h.append("<svg role=\"img\" aria-label=\"Test MAE against the share of retained sensors failing\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">");
        double y0 = 20 + (max - c.noFailureMae()) / span * (height - 50);
        h.append("<line x1=\"40\" x2=\"").append(width - 10).append("\" y1=\"").append(fmt(y0, 1)).append("\" y2=\"").append(fmt(y0, 1))
                .append("\" stroke=\"#009E73\" stroke-dasharray=\"4 3\"/><text x=\"44\" y=\"").append(fmt(y0 - 4, 1))
                .append("\" font-size=\"11\" fill=\"#009E73\">no failures ").append(fmt(c.noFailureMae(), 3)).append("</text>");
        int n = c.points().size();
        for (int k = 0; k < n; k++) {
            FailureCurve.Point p = c.points().get(k);
            double x = 60 + k * (width - 90.0) / Math.max(1, n - 1);
            double ym = 20 + (max - p.meanMae()) / span * (height - 50);
            double ylo = 20 + (max - p.minMae()) / span * (height - 50);
            double yhi = 20 + (max - p.maxMae()) / span * (height - 50);
            h.append("<line stroke=\"#0072B2\" x1=\"").append(fmt(x, 1)).append("\" x2=\"").append(fmt(x, 1)).append("\" y1=\"")
                    .append(fmt(ylo, 1)).append("\" y2=\"").append(fmt(yhi, 1)).append("\"/><circle fill=\"#0072B2\" r=\"4\" cx=\"")
                    .append(fmt(x, 1)).append("\" cy=\"").append(fmt(ym, 1)).append("\"/><text text-anchor=\"middle\" font-size=\"11\" x=\"")
                    .append(fmt(x, 1)).append("\" y=\"").append(height - 8).append("\">").append(fmt(100 * p.rate(), 0)).append(" % (")
                    .append(p.failed()).append(")</text>");
        }
        h.append("</svg><table><thead><tr><th class=\"num\">Failing</th><th class=\"num\">Sensors</th><th class=\"num\">Mean MAE</th>"
                + "<th class=\"num\">Range</th><th class=\"num\">vs none</th></tr></thead><tbody>");
        for (FailureCurve.Point p : c.points()) {
            h.append("<tr><td class=\"num\">").append(fmt(100 * p.rate(), 0)).append(" %</td><td class=\"num\">").append(p.failed())
                    .append("</td><td class=\"num\">").append(fmt(p.meanMae(), 3)).append("</td><td class=\"num\">")
                    .append(fmt(p.minMae(), 3)).append("–").append(fmt(p.maxMae(), 3)).append("</td><td class=\"num\">")
                    .append(signedPercent(p.meanMae() / c.noFailureMae() - 1)).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static String row(String key, String value) {
        return "<tr><th>" + esc(key) + "</th><td>" + esc(value) + "</td></tr>";
    }

    private static String signedPercent(double share) {
        return String.format(Locale.ROOT, "%+.1f %%", 100 * share);
    }

    static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
