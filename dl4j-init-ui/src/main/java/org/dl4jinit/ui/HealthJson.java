package org.dl4jinit.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Violation;
import org.dl4jinit.storage.HealthStaticInfo;

/**
 * The JSON bodies of the page's endpoints, as maps and lists for Jackson. Strings (session, worker, layer names,
 * causes and remedies) go out verbatim — JSON-escaped by Jackson — and the page places them with
 * {@code textContent}. NaN and infinite figures become {@code null} (JSON has no NaN); how many charted values of a
 * bucket diverged (NaN/Inf) goes out beside them in {@code nonFinite}. Layers are named and described by the
 * session's static info (the {@link LayerInfo}s the reports carry).
 *
 * <p>A finding goes out as its fields ({@link #finding}): verdict, condition, figure, value, threshold, and its
 * {@link Diagnosis}'s cause, explanation and remedy — the page lays them out and never parses a message. Each layer
 * row carries the layer's headline finding ({@link LayerHealth#headline()}; the report's headline when it is this
 * layer's) and the layer's other findings; {@code latest.headline} is the report's headline, the one the exception,
 * the log and a sweep name too.
 */
final class HealthJson {

    private HealthJson() {
    }

    /**
     * The body for a session or worker without indexed records: HTTP 200 with a message for the page saying what
     * the attached storages hold instead.
     *
     * @param session the session asked for, null or empty for none
     * @param worker  the worker asked for, null or empty for the session's first
     * @param health  whether the attached storages hold gradient-health records of the session; null if they do
     *                not know the session at all
     * @param workers the session's indexed workers (empty if none)
     * @return {@code found: false}, the message, and the session's workers when it has any
     */
    static Map<String, Object> notFound(String session, String worker, Boolean health, List<String> workers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", false);
        String message;
        if (session == null || session.isEmpty()) {
            message = "No session selected. Attach a StatsStorage holding gradient-health records "
                    + "(HealthConfig.builder().subscribe(HealthRecorder.to(storage))) with "
                    + "UIServer.getInstance().attach(storage).";
        } else if (health == null) {
            message = "No session \"" + session + "\" in the attached storages (yet).";
        } else if (!health) {
            message = "Session \"" + session + "\" holds no gradient-health records (only other records, such as "
                    + "StatsListener's): record them with HealthConfig.builder().subscribe(HealthRecorder.to("
                    + "storage)).";
        } else if (worker != null && !worker.isEmpty() && !workers.isEmpty()) {
            message = "No gradient-health records from worker \"" + worker + "\" in session \"" + session
                    + "\" (yet); its workers: " + String.join(", ", workers) + ".";
        } else {
            message = "No gradient-health records for session \"" + session + "\" (yet).";
        }
        body.put("message", message);
        if (!workers.isEmpty()) {
            body.put("workers", workers);
        }
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
            l.put("headline", latest.headline().map(HealthJson::finding).orElse(null));
            l.put("modelFindings", findings(latest.modelFindings(), latest.headline().orElse(null)));
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
     * @return the depth endpoint's body: per layer activation std and gradient norm, verdict and findings
     *         (as in the data endpoint's layer rows)
     */
    static Map<String, Object> depth(Series s, HealthReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", true);
        body.put("session", s.sessionId());
        body.put("worker", s.workerId());
        body.put("iteration", report.iteration());
        body.put("epoch", report.epoch());
        body.put("verdict", report.verdict().name());
        body.put("headline", report.headline().map(HealthJson::finding).orElse(null));
        HealthStaticInfo info = s.infoOrNull();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int l = 0; l < report.layers().size(); l++) {
            LayerHealth layer = report.layers().get(l);
            Map<String, Object> row = row(info, report, l);
            row.put("activationStd", num(layer.get(Figure.ACTIVATION_STD)));
            row.put("gradientNorm", num(layer.get(Figure.GRADIENT_NORM)));
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
            Map<String, Object> row = row(info, latest, l);
            row.put("warningIterations", l < warnings.length ? warnings[l] : 0);
            row.put("failingIterations", l < failings.length ? failings[l] : 0);
            rows.add(row);
        }
        return rows;
    }

    /**
     * A layer's row: what it is, its verdict, its headline finding (the report's headline when that is this
     * layer's, else the layer's own) and its other findings.
     */
    private static Map<String, Object> row(HealthStaticInfo info, HealthReport report, int l) {
        LayerHealth layer = report.layers().get(l);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", l);
        LayerInfo described = info != null && l < info.layers().size() ? info.layers().get(l) : layer.layer();
        row.put("name", described.name());
        row.put("type", described.type());
        row.put("activation", described.activation());
        row.put("trainable", described.trainable());
        row.put("verdict", layer.verdict().name());
        row.put("verdictText", layer.verdict().label());
        Violation headline = report.headline().filter(h -> h.layerIndex() == layer.layer().index())
                .or(layer::headline).orElse(null);
        row.put("headline", headline == null ? null : finding(headline));
        row.put("rootCause", headline != null && report.headline().map(headline::equals).orElse(false));
        row.put("findings", findings(layer.violations(), headline));
        return row;
    }

    /** The findings as {@link #finding} maps, in their order, without {@code except}. */
    private static List<Map<String, Object>> findings(List<Violation> violations, Violation except) {
        List<Map<String, Object>> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            if (!v.equals(except)) {
                out.add(finding(v));
            }
        }
        return out;
    }

    /**
     * One finding, field by field: {@code layer} (index, null for the model), {@code where} ("layer 3 (DenseLayer,
     * tanh)"), {@code verdict}, {@code condition} and its {@code title}, {@code figure} and what it {@code measures}
     * for the layer's activation, {@code value} and {@code threshold} (null when not finite) with their texts as
     * the log and the exception print them ({@code threshold} text null when there is none), and the diagnosis:
     * {@code cause} (a {@link Diagnosis.Cause} name), {@code explanation} (empty when unexplained) and
     * {@code remedy}.
     *
     * @param v a finding
     * @return its fields
     */
    static Map<String, Object> finding(Violation v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("layer", v.isModelLevel() ? null : v.layerIndex());
        f.put("where", v.where());
        f.put("verdict", v.verdict().name());
        f.put("condition", v.condition().name());
        f.put("title", v.condition().title());
        f.put("figure", v.figure().name());
        f.put("measures", v.isModelLevel() ? v.figure().description() : v.figure().description(v.layer().family()));
        f.put("value", num(v.value()));
        f.put("valueText", Violation.format(v.value()));
        f.put("threshold", num(v.threshold()));
        f.put("thresholdText", Double.isNaN(v.threshold()) ? null : Violation.format(v.threshold()));
        Diagnosis d = v.diagnosis();
        f.put("cause", d.cause().name());
        f.put("explanation", d.explanation());
        f.put("remedy", d.remedy());
        return f;
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
