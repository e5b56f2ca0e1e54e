package dev.encodecparity.plot;

import java.util.Map;
import java.util.TreeMap;

/**
 * The plot data of a run's rows, kept only when a page is asked for ({@code --html}): {@link #NONE} wants none, so a
 * run without a page spends nothing on them.
 */
public final class RowPlots {
    /** Wants nothing and keeps nothing. */
    public static final RowPlots NONE = new RowPlots(false);

    private final boolean wanted;
    private final Map<Integer, RowPlot> byIndex = new TreeMap<>();

    private RowPlots(boolean wanted) {
        this.wanted = wanted;
    }

    /** A collection that keeps every row's plots. */
    public static RowPlots collecting() {
        return new RowPlots(true);
    }

    /** Whether rows should make their plots at all. */
    public boolean wanted() {
        return wanted;
    }

    public synchronized void add(RowPlot plot) {
        if (wanted) {
            byIndex.put(plot.index(), plot);
        }
    }

    /** The plots of row {@code index}, or null when it has none. */
    public synchronized RowPlot of(int index) {
        return byIndex.get(index);
    }

    public synchronized boolean isEmpty() {
        return byIndex.isEmpty();
    }
}
