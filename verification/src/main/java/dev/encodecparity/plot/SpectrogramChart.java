package dev.encodecparity.plot;

/**
 * A log-magnitude spectrogram as cells coloured by level: {@link #LEVELS} steps of a perceptually even palette over
 * the chart's {@link #RANGE_DB} below its loudest cell. The cells of one level are one path, drawn in grid units and
 * joined along each band, so a chart is a few kilobytes.
 */
public final class SpectrogramChart {
    /** Dark (quiet) to bright (loud): viridis, sampled. */
    static final String[] PALETTE = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884",
        "#44bf70", "#7ad151", "#bddf26", "#dfe318", "#fde725"};
    static final int LEVELS = PALETTE.length;
    static final double RANGE_DB = 80;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 214;
    private static final double X0 = 44;
    private static final double Y0 = 26;
    private static final double W = 262;
    private static final double H = 140;

    private SpectrogramChart() {
    }

    /**
     * @param title what the spectrogram is of ("the clip", "converted − original")
     * @param reference the loudest cell of the clip, in dB, to say how loud a difference is beside it (NaN: none)
     */
    public static String render(String id, Spectrogram sp, String title, double reference) {
        float top = sp.maxDb();
        boolean silent = top <= Spectrogram.SILENT;
        double floor = top - RANGE_DB;
        String relative = Double.isNaN(reference) || silent || reference <= Spectrogram.SILENT ? ""
                : String.format(java.util.Locale.ROOT, "; its loudest cell is %.0f dB against the clip's", top
                        - reference);
        String desc = sp.frames() + " time columns over " + Svg.value(sp.seconds()) + " s, " + sp.bands()
                + " frequency bands up to " + Svg.value(sp.nyquistHz() / 1000) + " kHz; "
                + (silent ? "no power anywhere (silence)" : String.format(java.util.Locale.ROOT,
                        "levels from %.0f to %.0f dB", floor, top)) + relative + ".";
        Svg s = Svg.chart(id, "spec", WIDTH, HEIGHT, "Spectrogram of " + title, desc);
        s.text(X0, 14, title, "lb", "start");
        s.rect(X0, Y0, W, H, "spbg");
        if (silent) {
            s.text(X0 + W / 2, Y0 + H / 2, "silence: no power to draw", "note", "middle");
        } else {
            s.grid(X0, Y0, W / sp.frames(), H / sp.bands());
            for (int level = 0; level < LEVELS; level++) {
                s.path(cells(sp, floor, level), "l" + level);
            }
            s.end();
        }
        s.text(X0 - 4, Y0 + 8, Svg.value(sp.nyquistHz() / 1000) + " kHz", "tick", "end");
        s.text(X0 - 4, Y0 + H, "0", "tick", "end");
        s.text(X0, Y0 + H + 14, "0 s", "tick", "start");
        s.text(X0 + W, Y0 + H + 14, Svg.value(sp.seconds()) + " s", "tick", "end");
        legend(s, silent ? Double.NaN : floor, top);
        return s.close();
    }

    /** The level of a cell: 0 at or below the floor, {@code LEVELS - 1} at the top. */
    static int level(float db, double floor) {
        int l = (int) Math.floor((db - floor) / RANGE_DB * LEVELS);
        return Math.max(0, Math.min(LEVELS - 1, l));
    }

    /** The cells of one level, each run along a band one rectangle, in grid units (band 0 at the bottom). */
    static String cells(Spectrogram sp, double floor, int level) {
        StringBuilder d = new StringBuilder();
        for (int band = 0; band < sp.bands(); band++) {
            int row = sp.bands() - 1 - band;
            int f = 0;
            while (f < sp.frames()) {
                if (level(sp.at(band, f), floor) != level) {
                    f++;
                    continue;
                }
                int start = f;
                while (f < sp.frames() && level(sp.at(band, f), floor) == level) {
                    f++;
                }
                d.append('M').append(start).append(' ').append(row).append('h').append(f - start).append("v1h")
                        .append(start - f).append('z');
            }
        }
        return d.toString();
    }

    private static void legend(Svg s, double floor, double top) {
        double y = HEIGHT - 22;
        double w = W / LEVELS;
        for (int i = 0; i < LEVELS; i++) {
            s.rect(X0 + i * w, y, w, 8, "l" + i);
        }
        if (!Double.isNaN(floor)) {
            s.text(X0, y + 19, String.format(java.util.Locale.ROOT, "%.0f dB", floor), "tick", "start");
            s.text(X0 + W, y + 19, String.format(java.util.Locale.ROOT, "%.0f dB", top), "tick", "end");
        }
    }
}
