package dev.encodecparity.plot;

/**
 * The two decodes of a row overlaid, and their difference: the whole clip as min/max envelopes, then every sample of
 * the region around the largest difference (marked on the whole-clip panels). Each panel has its own vertical scale,
 * written beside it, because a difference of 1e-6 on a signal of 0.5 would otherwise be a flat line.
 */
public final class WaveformChart {
    static final int WIDTH = 640;
    private static final double X0 = 64;
    private static final double PLOT = 560;

    private WaveformChart() {
    }

    /** The chart of {@code p}'s waveform, its ids starting with {@code id}. */
    public static String render(String id, RowPlot p) {
        Waveform w = p.waveform();
        Waveform.Zoom z = w.zoom();
        int height = z == null ? 236 : 430;
        String a = p.labelA();
        String b = p.labelB();
        String desc = describe(w, a, b);
        Svg s = Svg.chart(id, "wave", WIDTH, height, "Waveforms: " + a + " and " + b + " overlaid, and " + b
                + " minus " + a, desc);
        double seconds = w.samples() / (double) w.sampleRate();
        double peak = Math.max(1e-12, Math.max(w.a().peak(), w.b().peak()));
        s.text(X0, 14, a + " (blue) and " + b + " (orange), whole clip, " + Svg.value(seconds) + " s"
                + (w.lengthsDiffer() ? "; the decodes differ in length, compared over the shorter" : ""), "lb",
                "start");
        panel(s, 22, 100, peak);
        s.path(envelope(w.a(), 22, 100, peak), "wa").path(envelope(w.b(), 22, 100, peak), "wb");
        double dpeak = w.difference().peak();
        s.text(X0, 146, b + " − " + a + ", whole clip (largest " + Svg.value(dpeak) + ")", "lb", "start");
        panel(s, 154, 64, dpeak == 0 ? 1 : dpeak);
        if (dpeak == 0) {
            s.line(X0, 186, X0 + PLOT, 186, "wd").text(X0 + PLOT / 2, 182, "identical: the difference is 0 everywhere",
                    "note", "middle");
        } else {
            s.path(envelope(w.difference(), 154, 64, dpeak), "wdf");
        }
        if (z == null) {
            s.text(X0, 232, "The two decodes are identical: no region to zoom into.", "note", "start");
            return s.close();
        }
        double from = z.start() / (double) Math.max(1, w.samples());
        double to = (z.start() + z.a().length) / (double) Math.max(1, w.samples());
        s.rect(X0 + from * PLOT, 22, Math.max(1.5, (to - from) * PLOT), 196, "zr");
        s.text(X0, 244, "zoom: channel " + z.channel() + ", samples " + z.start() + "–" + (z.start() + z.a().length
                - 1) + ", around the largest difference (" + Svg.value(z.largest() / (double) w.sampleRate()) + " s)",
                "lb", "start");
        double zpeak = 1e-12;
        for (int i = 0; i < z.a().length; i++) {
            zpeak = Math.max(zpeak, Math.max(Math.abs(z.a()[i]), Math.abs(z.b()[i])));
        }
        panel(s, 252, 80, zpeak);
        s.path(line(z.a(), 252, 80, zpeak), "za").path(line(z.b(), 252, 80, zpeak), "zb");
        s.text(X0, 354, b + " − " + a + " in the zoom (largest " + Svg.value(z.maxAbsDifference()) + ")", "lb",
                "start");
        double zd = Math.max(1e-30, z.maxAbsDifference());
        panel(s, 362, 60, zd);
        s.path(line(z.difference(), 362, 60, zd), "zd");
        double mark = X0 + (z.largest() - z.start() + 0.5) * PLOT / z.a().length;
        s.line(mark, 362, mark, 422, "mark");
        return s.close();
    }

    private static String describe(Waveform w, String a, String b) {
        StringBuilder d = new StringBuilder();
        d.append(w.samples()).append(" samples at ").append(w.sampleRate()).append(" Hz; peaks ")
                .append(Svg.value(w.a().peak())).append(" (").append(a).append(") and ").append(Svg.value(w.b()
                .peak())).append(" (").append(b).append("). ");
        if (w.zoom() == null) {
            d.append("The decodes are identical.");
        } else {
            d.append("Largest difference ").append(Svg.value(w.zoom().maxAbsDifference())).append(" at sample ")
                    .append(w.zoom().largest()).append(" of channel ").append(w.zoom().channel()).append('.');
        }
        return d.toString();
    }

    /** A panel's frame, its zero line and its scale written on the left. */
    private static void panel(Svg s, double top, double height, double peak) {
        s.rect(X0, top, PLOT, height, "frame");
        s.line(X0, top + height / 2, X0 + PLOT, top + height / 2, "zero");
        s.text(X0 - 4, top + 9, "+" + Svg.value(peak), "tick", "end");
        s.text(X0 - 4, top + height, "−" + Svg.value(peak), "tick", "end");
    }

    private static double y(double v, double top, double height, double peak) {
        double c = Math.max(-1, Math.min(1, v / peak));
        return top + height / 2 - c * (height / 2 - 1);
    }

    /** The envelope as one closed shape: along the maxima, back along the minima. */
    static String envelope(Envelope e, double top, double height, double peak) {
        int n = e.columns();
        if (n == 0) {
            return "";
        }
        StringBuilder d = new StringBuilder(n * 20);
        double step = PLOT / n;
        for (int i = 0; i < n; i++) {
            d.append(i == 0 ? 'M' : ' ').append(Svg.num(X0 + (i + 0.5) * step)).append(' ')
                    .append(Svg.num(y(e.max()[i], top, height, peak)));
        }
        for (int i = n - 1; i >= 0; i--) {
            d.append(' ').append(Svg.num(X0 + (i + 0.5) * step)).append(' ')
                    .append(Svg.num(y(e.min()[i], top, height, peak)));
        }
        return d.append('Z').toString();
    }

    /** Samples as a line, one point each. */
    static String line(float[] v, double top, double height, double peak) {
        StringBuilder d = new StringBuilder(v.length * 10);
        double step = PLOT / Math.max(1, v.length);
        for (int i = 0; i < v.length; i++) {
            d.append(i == 0 ? 'M' : ' ').append(Svg.num(X0 + (i + 0.5) * step)).append(' ')
                    .append(Svg.num(y(v[i], top, height, peak)));
        }
        return d.toString();
    }
}
