package dev.encodecparity.plot;

/**
 * The codes' agreement as a codebook × frame map: agreeing codes are the background, and each other state (a
 * difference that follows an earlier codebook's, a near tie, a real difference) one path of runs along a codebook, in
 * grid units. Chunk boundaries are drawn, because a chunked model's frames restart with each chunk.
 */
public final class CodeMapChart {
    private static final int WIDTH = 640;
    private static final double X0 = 64;
    private static final double W = 560;
    private static final String[] CLASSES = {"cs", "cf", "ct", "cr"};
    private static final String[] NAMES = {"same", "follows an earlier codebook's difference", "near tie",
        "real difference"};

    private CodeMapChart() {
    }

    public static String render(String id, CodeMap m, String labelA, String labelB) {
        double rowH = Math.max(4, Math.min(14, 140.0 / m.codebooks()));
        double h = rowH * m.codebooks();
        double top = 22;
        int height = (int) Math.ceil(top + h + 50);
        long follows = 0;
        for (byte b : m.states()) {
            follows += b == CodeMap.FOLLOWS ? 1 : 0;
        }
        String summary = m.allSame() ? "every code agrees" : m.realDifferences() + " frame(s) with a real difference, "
                + m.nearTies() + " near tie(s), " + follows + " cell(s) of later codebooks that follow them";
        String desc = m.codebooks() + " codebooks × " + m.frames() + " frames" + (m.columns() < m.frames() ? " in "
                + m.columns() + " columns, each showing its worst state" : "") + (m.chunkStarts().length > 0 ? ", "
                + (m.chunkStarts().length + 1) + " chunks" : "") + ": " + summary + ".";
        Svg s = Svg.chart(id, "codes", WIDTH, height, "Codes of " + labelA + " and " + labelB + ", codebook by frame",
                desc);
        s.text(X0, 14, "codes: " + summary, "lb", "start");
        s.rect(X0, top, W, h, "cs");
        s.grid(X0, top, W / m.columns(), rowH);
        for (byte state = CodeMap.FOLLOWS; state <= CodeMap.REAL; state++) {
            s.path(runs(m, state), CLASSES[state]);
        }
        s.end();
        for (int start : m.chunkStarts()) {
            double x = X0 + W * start / (double) m.frames();
            s.line(x, top - 3, x, top + h + 3, "chunk");
        }
        int every = Math.max(1, (int) Math.ceil(10.0 / rowH));
        for (int q = 0; q < m.codebooks(); q += every) {
            s.text(X0 - 4, top + (q + 1) * rowH - Math.max(0, (rowH - 9) / 2), "cb " + q, "tick", "end");
        }
        s.text(X0, top + h + 13, "frame 0", "tick", "start");
        s.text(X0 + W, top + h + 13, "frame " + (m.frames() - 1), "tick", "end");
        double x = X0;
        for (int i = 0; i < CLASSES.length; i++) {
            s.rect(x, top + h + 22, 10, 10, CLASSES[i]);
            s.text(x + 14, top + h + 31, NAMES[i], "tick", "start");
            x += 26 + NAMES[i].length() * 5.2;
        }
        return s.close();
    }

    /** The cells in {@code state}, each run along a codebook one rectangle, in grid units. */
    static String runs(CodeMap m, byte state) {
        StringBuilder d = new StringBuilder();
        for (int q = 0; q < m.codebooks(); q++) {
            int c = 0;
            while (c < m.columns()) {
                if (m.at(q, c) != state) {
                    c++;
                    continue;
                }
                int start = c;
                while (c < m.columns() && m.at(q, c) == state) {
                    c++;
                }
                d.append('M').append(start).append(' ').append(q).append('h').append(c - start).append("v1h")
                        .append(start - c).append('z');
            }
        }
        return d.toString();
    }
}
