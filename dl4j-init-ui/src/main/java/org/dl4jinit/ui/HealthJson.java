package org.dl4jinit.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Violation;
import org.dl4jinit.storage.HealthStaticInfo;

/**
 * The JSON bodies of the page's endpoints, as maps and lists for Jackson. Strings (session, worker, layer names,
 * reasons) go out verbatim — JSON-escaped by Jackson — and the page places them with {@code textContent}. NaN and
 * infinite figures become {@code null} (JSON has no NaN); how many charted values of a bucket diverged (NaN/Inf)
 * goes out beside them in {@code nonFinite}. Layers are named and described by the session's static info (the
 * {@link LayerInfo}s the reports carry); reasons are the findings' messages, cause and remedy included, and
 * {@code headline} is the report's headline finding — the one the exception, the log and a sweep name too.
 */
final class HealthJson {

    private HealthJson() {
    }

    /** The body for an unknown session or worker, or an empty storage: HTTP 200 with a message for the page. */
    static Map<String, Object> notFound(String session, String worker) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", false);
        String message;
        if (session == null || session.isEmpty()) {
            message = "No session selected. Attach a StatsStorage holding gradient-health records "
                    + "(HealthConfig.builder().subscribe(HealthRecorder.to(storage))) with "
                    + "UIServer.getInstance().attach(storage).";
        } else if (worker == null || worker.isEmpty()) {
            message = "No gradient-health records for session \"" + session + "\" (yet).";
        } else {
            message = "No gradient-health records for session \"" + session + "\", worker \"" + worker
                    + "\" (yet).";
        }
        body.put("message", message);
        return body;
    }

    /**
     * @param s        the series
     * @param snapshot its snapshot
     * @param workers  the session's worker ids
     * @return the data endpoint's body
     */
    static Map<String, Object> data(Series s, Series.Snapshot snapshot, List<String> workers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", true);
        body.put("session", s.sessionId());
        body.put("worker", s.workerId());
        body.put("workers", workers);
        body.put("model", snapshot.info == null ? null : snapshot.info.modelType());
        body.put("records", snapshot.records);
        body.put("skipped", snapshot.skipped);
        body.put("segment", snapshot.segment);
        List<String> figures = new ArrayList<>();
        for (Figure f : Series.CHARTED) {
            figures.add(f.name());
        }
        body.put("figures", figures);
        HealthReport latest = snapshot.latest;
        int layerCount = latest == null ? 0 : latest.layers().size();
        body.put("layers", layers(snapshot.info, latest, snapshot.warningIterations, snapshot.failingIterations));
        if (latest != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("iteration", latest.iteration());
            l.put("epoch", latest.epoch());
            l.put("score", num(latest.score()));
            l.put("verdict", latest.verdict().name());
            l.put("headline", latest.headline().map(Violation::message).orElse(null));
            l.put("reasons", reasons(latest.modelFindings()));
            body.put("latest", l);
        } else {
            body.put("latest", null);
        }
        Buckets.View v = snapshot.buckets;
        Map<String, Object> chart = new LinkedHashMap<>();
        if (v == null) {
            chart.put("stride", 0);
            chart.put("from", 0);
            chart.put("x", List.of());
            body.put("buckets", chart);
            return body;
        }
        chart.put("stride", v.stride);
        chart.put("from", v.from);
        chart.put("x", ints(v.firstIteration));
        chart.put("xLast", ints(v.lastIteration));
        chart.put("records", ints(v.records));
        Map<String, Object> series = new LinkedHashMap<>();
        int per = Series.CHARTED.size();
        for (int f = 0; f < per; f++) {
            Map<String, Object> stats = new LinkedHashMap<>();
            List<FloatColumn> mean = new ArrayList<>();
            List<FloatColumn> min = new ArrayList<>();
            List<FloatColumn> max = new ArrayList<>();
            List<List<Integer>> nonFinite = new ArrayList<>();
            for (int l = 0; l < layerCount; l++) {
                int col = l * per + f;
                mean.add(new FloatColumn(v.mean, col, v.width, v.size()));
                min.add(new FloatColumn(v.min, col, v.width, v.size()));
                max.add(new FloatColumn(v.max, col, v.width, v.size()));
                nonFinite.add(nonFinite(v, col));
            }
            stats.put("mean", mean);
            stats.put("min", min);
            stats.put("max", max);
            stats.put("nonFinite", nonFinite);
            series.put(Series.CHARTED.get(f).name(), stats);
        }
        chart.put("series", series);
        body.put("buckets", chart);
        return body;
    }

    /**
     * @param s      the series
     * @param report the report at the requested iteration
     * @return the depth endpoint's body: per layer activation std and gradient norm, verdict and reasons
     */
    static Map<String, Object> depth(Series s, HealthReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", true);
        body.put("session", s.sessionId());
        body.put("worker", s.workerId());
        body.put("iteration", report.iteration());
        body.put("epoch", report.epoch());
        body.put("verdict", report.verdict().name());
        body.put("headline", report.headline().map(Violation::message).orElse(null));
        HealthStaticInfo info = s.infoOrNull();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int l = 0; l < report.layers().size(); l++) {
            LayerHealth layer = report.layers().get(l);
            Map<String, Object> row = describe(info, l);
            row.put("activationStd", num(layer.get(Figure.ACTIVATION_STD)));
            row.put("gradientNorm", num(layer.get(Figure.GRADIENT_NORM)));
            row.put("verdict", layer.verdict().name());
            row.put("verdictText", layer.verdict().label());
            row.put("reasons", reasons(report, layer));
            rows.add(row);
        }
        body.put("layers", rows);
        return body;
    }

    private static List<Map<String, Object>> layers(HealthStaticInfo info, HealthReport latest, int[] warnings,
            int[] failings) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (latest == null) {
            return rows;
        }
        for (int l = 0; l < latest.layers().size(); l++) {
            LayerHealth layer = latest.layers().get(l);
            Map<String, Object> row = describe(info, l);
            row.put("verdict", layer.verdict().name());
            row.put("verdictText", layer.verdict().label());
            row.put("reasons", reasons(latest, layer));
            row.put("warningIterations", l < warnings.length ? warnings[l] : 0);
            row.put("failingIterations", l < failings.length ? failings[l] : 0);
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> describe(HealthStaticInfo info, int l) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", l);
        if (info != null && l < info.layers().size()) {
            LayerInfo layer = info.layers().get(l);
            row.put("name", layer.name());
            row.put("type", layer.type());
            row.put("activation", layer.activation());
        } else {
            row.put("name", Integer.toString(l));
            row.put("type", null);
            row.put("activation", null);
        }
        return row;
    }

    /** A layer's findings' messages, the report's headline first when it is this layer's. */
    private static List<String> reasons(HealthReport report, LayerHealth layer) {
        List<String> out = new ArrayList<>();
        Violation headline = report.headline().orElse(null);
        if (headline != null && headline.layerIndex() == layer.layer().index()) {
            out.add(headline.message());
        }
        for (Violation v : layer.violations()) {
            if (!v.equals(headline)) {
                out.add(v.message());
            }
        }
        return out;
    }

    private static List<String> reasons(List<Violation> findings) {
        List<String> out = new ArrayList<>(findings.size());
        for (Violation v : findings) {
            out.add(v.message());
        }
        return out;
    }

    /** Per bucket, the number of diverged (NaN/Inf) values of one column; null if the view holds none. */
    private static List<Integer> nonFinite(Buckets.View v, int col) {
        if (!v.anyNonFinite(col)) {
            return null;
        }
        List<Integer> out = new ArrayList<>(v.size());
        for (int b = 0; b < v.size(); b++) {
            out.add(v.nonFinite(b, col));
        }
        return out;
    }

    private static List<Integer> ints(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** @return the body of a 400 answer naming the parameter, its value and the rule */
    static Map<String, Object> badRequest(String parameter, String value, String rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", String.format(Locale.ROOT, "%s must be %s, was \"%s\"", parameter, rule, value));
        return body;
    }
}
