package org.dl4jinit.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jinit.health.HealthCondition;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's PNG plots (XChart, headless): per experiment, the loss curves per initializer; activation std,
 * saturated fraction and gradient norm against depth at the first and the last iteration (Glorot &amp; Bengio
 * 2010, Fig. 6–7; He et al. 2015); for sigmoid networks, each hidden layer's mean activation over training
 * (Glorot &amp; Bengio 2010, Fig. 2); activation std and gradient norm against depth at iteration 0 as the
 * signal-propagation analysis predicted them (lines) and as the listener measured them (markers). Values a
 * logarithmic axis cannot show (zero, NaN) are left out, and the chart's caption says which series had none.
 */
public final class StudyPlots {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** A written plot: its file name and what the reader should know about it. */
    public record Plot(String file, String title, String caption) {
    }

    private StudyPlots() {
    }

    /**
     * Writes every plot of one experiment into {@code dir}.
     *
     * @param dir     the report folder
     * @param results the experiment's cells, all of one architecture
     * @return the plots written, in reading order
     * @throws IOException if a file cannot be written
     */
    public static List<Plot> write(Path dir, List<CellResult> results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Architecture a = results.get(0).cell().architecture();
        List<Plot> plots = new ArrayList<>();
        plots.add(loss(dir, a, results));
        plots.add(depth(dir, a, results, Metric.ACTIVATION_STD));
        plots.add(depth(dir, a, results, Metric.SATURATED));
        plots.add(depth(dir, a, results, Metric.GRADIENT_NORM));
        if (results.stream().anyMatch(r -> r.prediction().isPresent())) {
            plots.add(predicted(dir, a, results, Metric.ACTIVATION_STD));
            plots.add(predicted(dir, a, results, Metric.GRADIENT_NORM));
        }
        for (CellResult r : results) {
            if (a.activation() == org.nd4j.linalg.activations.Activation.SIGMOID) {
                plots.add(meanOverTraining(dir, r));
            }
        }
        return plots;
    }

    private enum Metric {
        ACTIVATION_STD("activation-std", "activation std", true),
        SATURATED("saturated", "saturated fraction", false),
        GRADIENT_NORM("gradient-norm", "weight-gradient L2 norm (raw, per mini-batch)", true);

        final String file;
        final String label;
        final boolean log;

        Metric(String file, String label, boolean log) {
            this.file = file;
            this.label = label;
            this.log = log;
        }

        double[] of(LayerProfile p) {
            switch (this) {
                case ACTIVATION_STD:
                    return p.activationStd();
                case SATURATED:
                    return p.saturated();
                default:
                    return p.gradientNorm();
            }
        }
    }

    private static Plot loss(Path dir, Architecture a, List<CellResult> results) throws IOException {
        int window = Math.max(1, results.get(0).iterations() / 50);
        XYChart chart = chart(a.title() + ": training loss per initializer", "iteration",
                "training loss (cross-entropy, moving mean of " + window + ")", false);
        List<String> omitted = new ArrayList<>();
        int k = 0;
        for (CellResult r : results) {
            double[] loss = movingMean(r.loss(), window);
            add(chart, r.cell().init().label(), indices(loss.length), loss, false, COLORS[k++ % COLORS.length],
                    false, omitted);
        }
        String file = a.id() + "-loss.png";
        save(chart, dir, file);
        return new Plot(file, chart.getTitle(), caption("Plain SGD + Nesterov momentum; every cell sees the same "
                + "mini-batches.", omitted));
    }

    private static Plot depth(Path dir, Architecture a, List<CellResult> results, Metric m) throws IOException {
        XYChart chart = chart(a.title() + ": " + m.label + " vs depth (dashed: first iteration, solid: last)",
                "hidden layer (0 = next to the input)", m.label + (m.log ? " (log)" : ""), m.log);
        if (!m.log) {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        }
        List<String> omitted = new ArrayList<>();
        int k = 0;
        for (CellResult r : results) {
            Color c = COLORS[k++ % COLORS.length];
            double[] first = m.of(r.first());
            double[] last = m.of(r.last());
            add(chart, r.cell().init().label() + " @" + r.first().iteration(), indices(first.length), first, m.log, c,
                    true, omitted);
            add(chart, r.cell().init().label() + " @" + r.last().iteration(), indices(last.length), last, m.log, c,
                    false, omitted);
        }
        String file = a.id() + "-" + m.file + "-depth.png";
        save(chart, dir, file);
        return new Plot(file, chart.getTitle(), caption(m == Metric.GRADIENT_NORM
                ? "Gradients of the cross-entropy summed over the mini-batch, before the updater (He et al. 2015: "
                        + "with Xavier, deep ReLU nets' signals shrink with depth)."
                : "Glorot & Bengio 2010, Fig. 6–7: a healthy initialization keeps these flat across depth.",
                omitted));
    }

    private static Plot predicted(Path dir, Architecture a, List<CellResult> results, Metric m) throws IOException {
        boolean std = m == Metric.ACTIVATION_STD;
        XYChart chart = chart(a.title() + ": " + (std ? "activation std" : "gradient norm") + " at iteration 0, "
                + "predicted (lines" + (std ? ", dotted: band" : "") + ") and measured (markers)",
                "hidden layer (0 = next to the input)", m.label + " (log)", true);
        chart.getStyler().setMarkerSize(7);
        List<String> omitted = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        List<String> notPredicted = new ArrayList<>();
        int k = 0;
        for (CellResult r : results) {
            Color c = COLORS[k++ % COLORS.length];
            String init = r.cell().init().label();
            if (r.prediction().isEmpty()) {
                notPredicted.add(init);
                continue;
            }
            Prediction p = r.prediction().get();
            double[] x = indices(r.hiddenLayers());
            XYSeries line = add(chart, init + " predicted", x, m.of(p.profile()), true, c, false, omitted);
            if (line != null) {
                line.setMarker(SeriesMarkers.NONE);
            }
            if (std) {
                band(chart, x, p.stdLow(), c);
                band(chart, x, p.stdHigh(), c);
            }
            XYSeries measured = add(chart, init + " measured", x, m.of(r.first()), true, c, false, omitted);
            if (measured != null) {
                measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                measured.setMarker(SeriesMarkers.CIRCLE);
            }
            List<String> v = new ArrayList<>();
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                v.add(p.verdict(g).name());
            }
            verdicts.add(init + " " + String.join("/", v));
        }
        String file = a.id() + "-" + m.file + "-predicted.png";
        save(chart, dir, file);
        String text = "Predicted from the configuration and the first batch's input moments before any forward "
                + "pass (signal propagation, docs/propagation.md); measured by the listener at iteration 0 on the "
                + "same batch. Predicted verdicts (condition 1/condition 2/gradients): " + String.join("; ", verdicts)
                + "." + (notPredicted.isEmpty() ? "" : " Not predicted (weights rescaled from data after the network "
                + "is built): " + String.join(", ", notPredicted) + ".");
        return new Plot(file, chart.getTitle(), caption(text, omitted));
    }

    private static void band(XYChart chart, double[] x, double[] y, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && y[i] > 0) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries("band " + chart.getSeriesMap().size(), xs, ys);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
        s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f},
                0f));
    }

    private static Plot meanOverTraining(Path dir, CellResult r) throws IOException {
        Architecture a = r.cell().architecture();
        XYChart chart = chart(a.title() + ", " + r.cell().init().label() + ": mean activation per hidden layer",
                "iteration (batch " + r.batchSize() + ")", "mean activation", false);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> omitted = new ArrayList<>();
        for (int l = 0; l < r.hiddenLayers(); l++) {
            double[] mean = r.activationMean(l);
            add(chart, "layer " + l + (l == r.hiddenLayers() - 1 ? " (top)" : ""), indices(mean.length), mean, false,
                    COLORS[l % COLORS.length], false, omitted);
        }
        String file = a.id() + "-" + r.cell().init().cliName() + "-mean-activation.png";
        save(chart, dir, file);
        return new Plot(file, chart.getTitle(), caption("Glorot & Bengio 2010, Fig. 2: with sigmoid units the top "
                + "hidden layer is pushed towards 0, its lower saturation value.", omitted));
    }

    private static XYChart chart(String title, String x, String y, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setYAxisLogarithmic(logY).setYAxisDecimalPattern(logY ? "0.#E0" : "0.###")
                .setPlotGridLinesVisible(true).setMarkerSize(4).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static XYSeries add(XYChart chart, String name, double[] x, double[] y, boolean log, Color color,
            boolean dashed, List<String> omitted) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            omitted.add(name);
            return null;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(y.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineStyle(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        return s;
    }

    private static String caption(String text, List<String> omitted) {
        return omitted.isEmpty() ? text : text + " Not drawn (no " + "positive finite value): "
                + String.join(", ", omitted) + ".";
    }

    private static void save(XYChart chart, Path dir, String file) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /**
     * @param y      values
     * @param window trailing window, &gt;= 1
     * @return the trailing moving mean (the first points average what exists so far)
     */
    static double[] movingMean(double[] y, int window) {
        double[] m = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i];
            if (i >= window) {
                sum -= y[i - window];
            }
            m[i] = sum / Math.min(i + 1, window);
        }
        return m;
    }
}
