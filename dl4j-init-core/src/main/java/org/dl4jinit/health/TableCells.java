package org.dl4jinit.health;

import java.util.Locale;

/**
 * The cells of the fixed-width tables of health reports and of the signal-propagation analysis's predictions, so
 * that a measured and a predicted figure print alike: three significant digits, percentages with one decimal, "-"
 * for a figure that is not known (NaN).
 */
public final class TableCells {

    private TableCells() {
    }

    /**
     * @param s a text
     * @param n the width, &gt;= 1
     * @return the text, cut to {@code n} characters with an ellipsis if longer
     */
    public static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /**
     * @param v a figure
     * @return three significant digits, or "-" for NaN
     */
    public static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * @param v a fraction
     * @return a percentage with one decimal, or "-" for NaN
     */
    public static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
