package org.dl4jinit.examples.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dl4jinit.health.HealthCondition;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Writes the study's report folder: {@value #INDEX} (summary table, findings, plots), {@value #CSV} (one row per
 * cell), {@value #JSON} (cells, loss curves, iteration 0 predicted and measured, findings) and {@value #TEXT} (the console table), plus the PNG
 * plots of {@link StudyPlots}. Every value placed into the HTML is escaped.
 */
public final class StudyReport {

    /** The HTML summary. */
    public static final String INDEX = "index.html";
    /** One row per cell. */
    public static final String CSV = "cells.csv";
    /** Everything, machine-readable. */
    public static final String JSON = "study.json";
    /** The console table and findings. */
    public static final String TEXT = "summary.txt";

    private StudyReport() {
    }

    /**
     * @param dir    the report folder (created if missing; files in it are replaced)
     * @param result the study's result
     * @return the files written, index first
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(Path dir, StudyResult result) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Map<Architecture, List<StudyPlots.Plot>> plots = new LinkedHashMap<>();
        for (Experiment e : result.plan().experiments()) {
            List<CellResult> cells = result.cells().stream()
                    .filter(c -> c.cell().architecture().equals(e.architecture())).toList();
            if (!cells.isEmpty()) {
                List<StudyPlots.Plot> p = StudyPlots.write(dir, cells);
                plots.put(e.architecture(), p);
                for (StudyPlots.Plot plot : p) {
                    files.add(dir.resolve(plot.file()));
                }
            }
        }
        files.add(0, write(dir.resolve(INDEX), html(result, plots)));
        files.add(write(dir.resolve(CSV), csv(result)));
        files.add(write(dir.resolve(JSON), json(result)));
        files.add(write(dir.resolve(TEXT), result.table() + System.lineSeparator() + result.findingsText()));
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static String csv(StudyResult result) {
        StringBuilder sb = new StringBuilder("network,activation,depth,width,init,batch_size,iterations,"
                + "condition1_final,condition1_first_failing,condition2_final,condition2_first_failing,"
                + "gradients_final,gradients_first_failing,initial_loss,final_loss,test_accuracy,wall_ms\n");
        for (CellResult c : result.cells()) {
            Architecture a = c.cell().architecture();
            sb.append(String.join(",", a.id(), a.activationLabel(), Integer.toString(a.depth()),
                    Integer.toString(a.width()), c.cell().init().cliName(), Integer.toString(c.batchSize()),
                    Integer.toString(c.iterations())));
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                GroupOutcome o = c.outcome(g);
                sb.append(',').append(o.finalVerdict()).append(',').append(o.firstFailing());
            }
            sb.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.4f,%d%n", c.initialLoss(), c.finalLoss(),
                    c.testAccuracy(), c.wallMillis()));
        }
        return sb.toString();
    }

    static String json(StudyResult result) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        StudyPlan p = result.plan();
        root.put("learningRate", p.learningRate());
        root.put("momentum", p.momentum());
        root.put("testExamples", p.testExamples());
        root.put("seed", p.seed());
        root.put("wallMillis", result.wallMillis());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CellResult c : result.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.cell().id());
            m.put("network", c.cell().architecture().id());
            m.put("init", c.cell().init().cliName());
            m.put("initFormula", c.cell().init().formula());
            m.put("batchSize", c.batchSize());
            m.put("iterations", c.iterations());
            Map<String, Object> outcomes = new LinkedHashMap<>();
            for (GroupOutcome o : c.outcomes()) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("final", o.finalVerdict().name());
                om.put("worst", o.worstVerdict().name());
                om.put("firstFailing", o.firstFailing());
                om.put("firstReason", o.firstReason());
                outcomes.put(o.group().name(), om);
            }
            m.put("health", outcomes);
            m.put("initialLoss", finiteOrNull(c.initialLoss()));
            m.put("finalLoss", finiteOrNull(c.finalLoss()));
            m.put("testAccuracy", c.testAccuracy());
            m.put("wallMillis", c.wallMillis());
            m.put("note", c.note());
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("activationStd", finiteOrNull(c.first().activationStd()));
            measured.put("gradientNorm", finiteOrNull(c.first().gradientNorm()));
            m.put("measuredIteration0", measured);
            m.put("predicted", c.prediction().map(StudyReport::prediction).orElse(null));
            m.put("loss", finiteOrNull(c.loss()));
            cells.add(m);
        }
        root.put("cells", cells);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (FindingCheck f : result.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("finding", f.finding().name());
            m.put("claim", f.finding().claim());
            m.put("source", f.finding().source());
            m.put("outcome", f.outcome().name());
            m.put("evidence", f.evidence());
            findings.add(m);
        }
        root.put("findings", findings);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Object> finiteOrNull(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(finiteOrNull(x));
        }
        return out;
    }

    /** A cell's iteration-0 prediction (signal propagation) for the JSON. */
    private static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> verdicts = new LinkedHashMap<>();
        for (HealthCondition.Group g : HealthCondition.Group.values()) {
            verdicts.put(g.name(), p.verdict(g).name());
        }
        m.put("verdicts", verdicts);
        m.put("millis", p.millis());
        m.put("activationStd", finiteOrNull(p.profile().activationStd()));
        m.put("activationStdLow", finiteOrNull(p.stdLow()));
        m.put("activationStdHigh", finiteOrNull(p.stdHigh()));
        m.put("zero", finiteOrNull(p.profile().zero()));
        m.put("saturated", finiteOrNull(p.profile().saturated()));
        m.put("gradientNorm", finiteOrNull(p.profile().gradientNorm()));
        return m;
    }

    /** The page's skeleton and style; {@code {{settings}}}, {@code {{findings}}}, ... are filled in, escaped. */
    static final String TEMPLATE = "report.html";

    static String html(StudyResult result, Map<Architecture, List<StudyPlots.Plot>> plots) {
        StudyPlan p = result.plan();
        String settings = esc(String.format(Locale.ROOT, "Standardized inputs, SGD + Nesterov momentum (learning rate "
                + "%s, momentum %s), seed %d, %d test examples per cell; the GradientHealthListener checked every "
                + "iteration. Wall time %.1f s.", p.learningRate(), p.momentum(), p.seed(), p.testExamples(),
                result.wallMillis() / 1000.0));
        StringBuilder findings = new StringBuilder();
        for (FindingCheck f : result.findings()) {
            findings.append("<tr><td>").append(esc(f.finding().claim())).append("</td><td>")
                    .append(esc(f.finding().source())).append("</td><td class=\"").append(f.outcome().name())
                    .append("\"><b>").append(esc(f.outcome().label())).append("</b></td><td>")
                    .append(esc(f.evidence())).append("</td></tr>\n");
        }
        StringBuilder cells = new StringBuilder();
        for (CellResult c : result.cells()) {
            cells.append("<tr><td>").append(esc(c.cell().architecture().title())).append("</td><td title=\"")
                    .append(esc(c.cell().init().formula())).append("\">").append(esc(c.cell().init().label()))
                    .append("</td><td>").append(c.batchSize()).append("</td><td>").append(c.iterations())
                    .append("</td>");
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                GroupOutcome o = c.outcome(g);
                cells.append("<td class=\"").append(o.finalVerdict().name()).append("\" title=\"")
                        .append(esc(o.firstReason())).append("\">").append(esc(o.summary())).append("</td>");
            }
            cells.append(String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.1f s</td></tr>%n",
                    c.initialLoss(), c.finalLoss(), c.testAccuracy(), c.wallMillis() / 1000.0));
        }
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<Architecture, List<StudyPlots.Plot>> e : plots.entrySet()) {
            figures.append("<h2>").append(esc(e.getKey().title())).append("</h2>\n");
            for (StudyPlots.Plot plot : e.getValue()) {
                figures.append("<figure><img src=\"").append(esc(plot.file())).append("\" alt=\"")
                        .append(esc(plot.title())).append("\"><figcaption>").append(esc(plot.caption()))
                        .append("</figcaption></figure>\n");
            }
        }
        return template().replace("{{settings}}", settings).replace("{{findings}}", findings)
                .replace("{{cells}}", cells).replace("{{figures}}", figures);
    }

    private static String template() {
        try (java.io.InputStream in = StudyReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE + " is missing next to "
                        + StudyReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param s text
     * @return the text with {@code & < > " ' &#123;} escaped for HTML element content and attribute values
     */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                case '{': // so that no value can look like one of the template's {{placeholders}}
                    sb.append("&#123;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
