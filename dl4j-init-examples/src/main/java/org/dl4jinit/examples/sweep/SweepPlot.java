package org.dl4jinit.examples.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG plots of a {@link SweepReport} with XChart: wall time per candidate, stacked by outcome (how much time
 * pruning saved), and the score of every completed candidate (which initializer won). Pruned and crashed
 * candidates have no score: the score chart leaves them out and its title says how many.
 */
public final class SweepPlot {

    /** File name of the wall-time plot. */
    public static final String WALL_PNG = "sweep-wall-time.png";
    /** File name of the score plot. */
    public static final String SCORE_PNG = "sweep-score.png";

    private SweepPlot() {
    }

    /** The score chart's title: what is shown, which way is better, and how many candidates are left out. */
    static String scoreTitle(String title, boolean minimize, int shown, int leftOut) {
        return title + ": score of the " + shown + " completed candidates (" + (minimize ? "lower" : "higher")
                + " is better)" + (leftOut == 0 ? "" : "; " + leftOut + " pruned or crashed candidates have no "
                + "score and are not shown");
    }

    /** A short x-axis label: "#3 He relu 12". */
    static String label(SweepResult r) {
        String init = r.initializer();
        int paren = init.indexOf('(');
        String name = paren > 0 ? init.substring(0, paren) : init;
        return "#" + r.index() + " " + name.replace("Init", "") + " " + r.activation() + " " + r.layers();
    }

    /**
     * Writes both plots into {@code dir}.
     *
     * @param report the report
     * @param dir    the directory (created if missing)
     * @param title  the title prefix
     * @return the two paths
     */
    public static List<Path> write(SweepReport report, Path dir, String title) {
        CategoryChart wall = wallChart(report, title);
        CategoryChart score = scoreChart(report, title);
        try {
            Files.createDirectories(dir);
            Path w = dir.resolve(WALL_PNG);
            Path s = dir.resolve(SCORE_PNG);
            BitmapEncoder.saveBitmap(wall, w.toString(), BitmapEncoder.BitmapFormat.PNG);
            BitmapEncoder.saveBitmap(score, s.toString(), BitmapEncoder.BitmapFormat.PNG);
            return List.of(w, s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep plots to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Wall time per candidate, one stacked series per outcome. */
    static CategoryChart wallChart(SweepReport report, String title) {
        List<String> x = new ArrayList<>();
        for (SweepResult r : report.results()) {
            x.add(label(r));
        }
        CategoryChart wall = new CategoryChartBuilder().width(1400).height(700)
                .title(title + ": wall time per candidate").xAxisTitle("candidate (initializer, activation, layers)")
                .yAxisTitle("wall time (s)").build();
        wall.getStyler().setStacked(true);
        wall.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        wall.getStyler().setXAxisLabelRotation(60);
        for (CandidateOutcome o : CandidateOutcome.values()) {
            List<Double> y = new ArrayList<>();
            for (SweepResult r : report.results()) {
                y.add(r.outcome() == o ? r.wallMillis() / 1000.0 : 0.0);
            }
            wall.addSeries(o.name().toLowerCase(java.util.Locale.ROOT), x, y);
        }
        return wall;
    }

    /** Score of the completed candidates, the winner as its own series; the others are left out. */
    static CategoryChart scoreChart(SweepReport report, String title) {
        // only candidates with a score: a pruned or crashed candidate has none, and a bar of 0 would look like
        // the best loss on a lower-is-better chart
        List<String> scored = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        SweepResult winner = report.winner().orElse(null);
        for (SweepResult r : report.results()) {
            if (r.outcome() != CandidateOutcome.COMPLETED || !Double.isFinite(r.score())) {
                continue;
            }
            boolean isWinner = winner != null && r.index() == winner.index();
            scored.add(label(r));
            others.add(isWinner ? 0.0 : r.score());
            best.add(isWinner ? r.score() : 0.0);
        }
        int left = report.results().size() - scored.size();
        CategoryChart score = new CategoryChartBuilder().width(1400).height(700)
                .title(scoreTitle(title, report.minimize(), scored.size(), left))
                .xAxisTitle("completed candidate (initializer, activation, layers)")
                .yAxisTitle("score (" + (report.minimize() ? "lower" : "higher") + " is better)").build();
        score.getStyler().setStacked(true);
        score.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        score.getStyler().setXAxisLabelRotation(60);
        if (scored.isEmpty()) {
            // XChart cannot draw an empty series; the title says why the chart is empty
            scored.add("(no completed candidate)");
            others.add(0.0);
            best.add(0.0);
        }
        score.addSeries("completed", scored, others);
        score.addSeries("winner", scored, best);
        return score;
    }
}
