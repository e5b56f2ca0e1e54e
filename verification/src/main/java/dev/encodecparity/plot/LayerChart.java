package dev.encodecparity.plot;

import dev.encodecparity.compare.LayerProfile;
import java.util.List;

/**
 * A layer trace as bars: one per module, in the order they ran, its largest difference on a log scale, the tolerance
 * as a dashed line, bars over it in red, and the first module over it (and the first whose output differs at all,
 * when that is another) named beside its bar. A module whose output is identical has no bar but a grey mark "0", so a
 * passing trace is still a chart of every module.
 */
public final class LayerChart {
    private static final int WIDTH = 700;
    private static final double LABEL = 176;
    private static final double X0 = 180;
    private static final double W = 300;
    private static final double ROW = 13;

    private LayerChart() {
    }

    /**
     * @param firstDiverging the first module whose output is not bit-identical (the diagnosis), or null
     */
    public static String render(String id, LayerProfile p, String firstDiverging) {
        List<LayerProfile.Module> ms = p.modules();
        double min = Double.POSITIVE_INFINITY;
        double max = p.tolerance() > 0 ? p.tolerance() : 0;
        for (LayerProfile.Module m : ms) {
            double v = m.maxAbsDifference();
            if (v > 0 && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (p.tolerance() > 0) {
            min = Math.min(min, p.tolerance());
        }
        int hi = max > 0 ? (int) Math.ceil(Math.log10(max) + 1e-9) : 0;
        int lo = Double.isFinite(min) ? Math.min(hi - 2, (int) Math.floor(Math.log10(min)) - 1) : hi - 2;
        lo = Math.max(lo, hi - 16);
        int headers = (int) ms.stream().map(LayerProfile.Module::stage).distinct().count();
        double top = 40;
        int height = (int) Math.ceil(top + (ms.size() + headers) * ROW + 24);
        long over = ms.stream().filter(m -> m.over(p.tolerance())).count();
        String desc = ms.size() + " modules traced on " + p.clip() + " with " + p.codebooks() + " codebooks; largest"
                + " difference " + Svg.value(p.maxAbsDifference()) + "; " + over + " over the tolerance "
                + Svg.value(p.tolerance()) + (p.firstOverTolerance() == null ? "" : ", the first "
                + p.firstOverTolerance()) + (firstDiverging == null ? "" : "; the first whose output differs at all: "
                + firstDiverging) + ".";
        Svg s = Svg.chart(id, "layers", WIDTH, height, "Largest difference per module, " + p.clip(), desc);
        s.text(4, 14, "largest |difference| of each module's output, log scale; tolerance " + Svg.value(p
                .tolerance()), "lb", "start");
        for (int e = lo; e <= hi; e += Math.max(1, (hi - lo) / 6)) {
            double x = x(Math.pow(10, e), lo, hi);
            s.line(x, top - 6, x, height - 20, "grid");
            s.text(x, top - 9, "1e" + e, "tick", "middle");
        }
        double y = top;
        String stage = null;
        for (LayerProfile.Module m : ms) {
            if (!m.stage().equals(stage)) {
                stage = m.stage();
                s.text(4, y + 10, stage, "stage", "start");
                y += ROW;
            }
            String name = m.module() + (m.kind() == null || m.kind().isEmpty() ? "" : " (" + m.kind() + ")");
            s.text(LABEL, y + 10, name.length() > 29 ? name.substring(0, 28) + "…" : name, "tick", "end");
            double v = m.maxAbsDifference();
            String tip = name + ": " + (Double.isNaN(v) ? "output shapes differ" : "largest difference "
                    + Svg.value(v) + ", " + m.differing() + " of " + m.size() + " values differ");
            if (Double.isNaN(v)) {
                s.rect(X0, y + 2, W, ROW - 4, "bar over", tip);
                s.text(X0 + W + 4, y + 10, "shapes differ", "tick", "start");
            } else if (v == 0) {
                s.rect(X0, y + 4, 4, ROW - 8, "bar zero", tip);
                s.text(X0 + 8, y + 10, "0", "tick", "start");
            } else {
                String cls = m.over(p.tolerance()) ? "bar over" : "bar";
                double end = Math.max(X0 + 2, x(v, lo, hi));
                s.rect(X0, y + 2, end - X0, ROW - 4, cls, tip);
                s.text(end + 4, y + 10, Svg.value(v), "tick", "start");
            }
            String mark = m.module().equals(p.firstOverTolerance()) ? "◀ first over tolerance"
                    : m.module().equals(firstDiverging) ? "◀ first that differs" : null;
            if (mark != null) {
                s.text(X0 + W + 64, y + 10, mark, "flag", "start");
            }
            y += ROW;
        }
        if (p.tolerance() > 0) {
            double tx = x(p.tolerance(), lo, hi);
            s.line(tx, top - 4, tx, y + 2, "tol");
            s.text(tx, y + 14, "tolerance", "tick", "middle");
        }
        return s.close();
    }

    private static double x(double v, int lo, int hi) {
        double f = (Math.log10(v) - lo) / Math.max(1, hi - lo);
        return X0 + Math.max(0, Math.min(1, f)) * W;
    }
}
