package org.dl4jinit.examples.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.RungScore;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The classic successive-halving picture of an {@code AshaSweep} report, as a PNG with XChart: the score of each
 * candidate at every rung it reached against the iterations it had trained (log scale), one line per candidate.
 * Candidates that reached the top rung are drawn in colour (the winner thickest), the ones successive halving
 * stopped in grey; candidates pruned by their health or crashed have no score and are counted in the title.
 */
public final class HalvingPlot {

    /** File name of the plot. */
    public static final String PNG = "sweep-halving.png";

    private static final Color STOPPED = new Color(150, 150, 150, 160);

    private HalvingPlot() {
    }

    /**
     * Writes the plot into {@code dir}.
     *
     * @param report an {@code AshaSweep} report
     * @param dir    the directory (created if missing)
     * @param title  the title prefix
     * @return the path
     */
    public static Path write(SweepReport report, Path dir, String title) {
        XYChart chart = chart(report, title);
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(PNG);
            BitmapEncoder.saveBitmap(chart, p.toString(), BitmapEncoder.BitmapFormat.PNG);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the halving plot to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The title: what is shown and how many candidates have no score. */
    static String title(String title, SweepReport report) {
        long unscored = report.count(CandidateOutcome.PRUNED) + report.count(CandidateOutcome.CRASHED);
        return String.format(Locale.ROOT, "%s: %s; %d completed, %d stopped%s", title,
                report.schedule().map(Object::toString).orElse("no rungs"), report.count(CandidateOutcome.COMPLETED),
                report.count(CandidateOutcome.STOPPED),
                unscored == 0 ? "" : String.format(Locale.ROOT, "; %d pruned or crashed (not drawn)", unscored));
    }

    /**
     * One series per scored candidate; stopped ones first (grey, underneath), completed ones on top. The x values
     * are log10 of the iterations on a linear axis whose tick labels give the iterations back: XChart's own log
     * axis labels only powers of ten, and rungs such as 20/60/180 have at most one.
     */
    static XYChart chart(SweepReport report, String title) {
        XYChart chart = new XYChartBuilder().width(1400).height(800).title(title(title, report))
                .xAxisTitle("iterations trained (log scale)")
                .yAxisTitle("score (" + (report.minimize() ? "lower" : "higher") + " is better)").build();
        chart.setCustomXAxisTickLabelsFormatter(x -> String.format(Locale.ROOT, "%.0f", Math.pow(10, x)));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        int winner = report.winner().map(SweepResult::index).orElse(-1);
        boolean any = false;
        for (CandidateOutcome pass : List.of(CandidateOutcome.STOPPED, CandidateOutcome.COMPLETED)) {
            for (SweepResult r : report.results()) {
                if (r.outcome() != pass || r.rungs().isEmpty()) {
                    continue;
                }
                double[] x = r.rungs().stream().mapToDouble(k -> Math.log10(k.iterations())).toArray();
                double[] y = r.rungs().stream().mapToDouble(RungScore::score).toArray();
                XYSeries s = chart.addSeries(SweepPlot.label(r) + (r.index() == winner ? " (winner)" : ""), x, y);
                s.setMarker(SeriesMarkers.CIRCLE);
                if (pass == CandidateOutcome.STOPPED) {
                    s.setLineColor(STOPPED);
                    s.setMarkerColor(STOPPED);
                    s.setShowInLegend(false);
                } else {
                    s.setLineStyle(new BasicStroke(r.index() == winner ? 4f : 2f));
                }
                any = true;
            }
        }
        if (!any) {
            // XChart cannot draw a chart without series; the title says why it is empty
            chart.addSeries("(no candidate was scored)", new double[] {1}, new double[] {0});
        }
        return chart;
    }
}
