package org.dl4jinit.examples.study;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on a console: redrawn in place ({@code \r}) on a terminal, a line per quarter of each cell
 * otherwise (logs and CI stay readable).
 */
public final class ConsoleProgress implements Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private int total;
    private int index;
    private int lastQuarter;
    private long lastDraw;

    /**
     * @param out      where to print (stderr keeps stdout for the table)
     * @param terminal whether to redraw in place
     */
    public ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void cellStarted(Cell cell, int index, int total) {
        this.index = index;
        this.total = total;
        this.lastQuarter = 0;
        this.lastDraw = 0;
    }

    @Override
    public void iterationDone(Cell cell, int iteration, int iterations, double loss) {
        int done = iteration + 1;
        if (terminal) {
            long now = System.nanoTime();
            if (done < iterations && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = (int) ((long) WIDTH * done / iterations);
            out.print(String.format(Locale.ROOT, "\r[%d/%d] %-22s [%s%s] %d/%d loss %.4f ", index + 1, total,
                    cell.id(), "#".repeat(filled), " ".repeat(WIDTH - filled), done, iterations, loss));
            out.flush();
        } else {
            int quarter = 4 * done / iterations;
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                out.println(String.format(Locale.ROOT, "[%d/%d] %s: %d/%d iterations, loss %.4f", index + 1, total,
                        cell.id(), done, iterations, loss));
                out.flush();
            }
        }
    }

    @Override
    public void cellFinished(CellResult result) {
        if (terminal) {
            out.println();
        }
        out.println(String.format(Locale.ROOT, "[%d/%d] %s done in %.1f s: loss %.4f, test accuracy %.4f%s",
                index + 1, total, result.cell().id(), result.wallMillis() / 1000.0, result.finalLoss(),
                result.testAccuracy(), result.note().isEmpty() ? "" : " (" + result.note() + ")"));
        out.flush();
    }
}
