package dev.encodecparity.verify;

import dev.encodecparity.plot.RowPlots;

/**
 * What a run of verify or golden check does beyond its rows' verdicts, for the people reading it afterwards: layer
 * traces of passing clips ({@code --trace}, into the report) and the plot data of every row ({@code --html}, into the
 * page only). {@link #NONE} does neither and costs nothing.
 */
public record Extras(TraceMode trace, RowPlots plots) {
    public static final Extras NONE = new Extras(TraceMode.NONE, RowPlots.NONE);
}
