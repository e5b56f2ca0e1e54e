package dev.encodecparity.compare;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.DistanceMargin;
import java.util.ArrayList;
import java.util.List;

/**
 * Codes compared frame by frame. A code is an argmax over float32 distances, so two correct implementations can pick
 * different entries where two entries are equally near within rounding (a near tie). Only the first differing codebook
 * of a frame is judged; later codebooks of that frame quantize a different residual and follow from it.
 */
public final class CodeComparison {
    private CodeComparison() {
    }

    /**
     * How far apart two codebook entries are for one frame: the difference of their distances, the float32 rounding
     * bound of that difference, and the size of the terms it was computed from ({@code |x|^2 + |e|^2}).
     */
    public record Margin(double distance, double tolerance, double scale) {
        /** The comparison's view of what the model measured. */
        static Margin of(DistanceMargin m) {
            return m == null ? null : new Margin(m.distance(), m.rounding(), m.scale());
        }

        public boolean withinRounding() {
            return Math.abs(distance) <= tolerance;
        }

        /** Within rounding, or closer than {@code tieMargin} relative to the size of the distance terms. */
        public boolean nearTie(double tieMargin) {
            return withinRounding() || Math.abs(distance) <= tieMargin * scale;
        }
    }

    /** Supplies the margin between two codes at one place, from the model that produced {@code actual}. */
    @FunctionalInterface
    public interface MarginSource {
        DistanceMargin margin(int chunk, int frame, int codebook, long actual, long expected);
    }

    /**
     * The first differing codebook of a frame.
     *
     * @param laterDiffering how many later codebooks of the same frame differ too (consequences)
     * @param margin actual's distance minus expected's distance in the actual model, or null if not computed
     */
    public record Mismatch(int chunk, int frame, int codebook, long expected, long actual, int laterDiffering,
            Margin margin) {
        /** @param tieMargin relative to the size of the distance terms (0: float32 rounding only) */
        public boolean nearTie(double tieMargin) {
            return margin != null && margin.nearTie(tieMargin);
        }
    }

    /**
     * @param structure empty when chunk, codebook and frame counts agree, else what differs
     */
    public record Result(long codes, long differing, List<Mismatch> mismatches, String structure) {
        public boolean identical() {
            return structure.isEmpty() && differing == 0;
        }

        /** Frames whose first difference is a near tie (within rounding or {@code tieMargin}). */
        public long nearTies(double tieMargin) {
            return mismatches.stream().filter(m -> m.nearTie(tieMargin)).count();
        }

        /** Frames whose first difference is not a near tie. */
        public long realDifferences(double tieMargin) {
            return mismatches.size() - nearTies(tieMargin);
        }

        /** Equal, or differing only at near ties. */
        public boolean passes(double tieMargin) {
            return structure.isEmpty() && realDifferences(tieMargin) == 0;
        }
    }

    /**
     * @param margins asked once per differing frame, or null to skip margins (every difference is then real)
     */
    public static Result compare(EncodedAudio expected, EncodedAudio actual, MarginSource margins) {
        if (expected.chunks() != actual.chunks()) {
            return new Result(0, 0, List.of(), "chunks: expected " + expected.chunks() + ", got " + actual.chunks());
        }
        long total = 0;
        long differing = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        for (int k = 0; k < expected.chunks(); k++) {
            long[][] e = expected.codes().get(k);
            long[][] a = actual.codes().get(k);
            if (e.length != a.length || e[0].length != a[0].length) {
                return new Result(0, 0, List.of(), "chunk " + k + ": expected " + e.length + " codebooks x "
                        + e[0].length + " frames, got " + a.length + " x " + a[0].length);
            }
            for (int t = 0; t < e[0].length; t++) {
                int first = -1;
                int later = 0;
                for (int q = 0; q < e.length; q++) {
                    total++;
                    if (e[q][t] != a[q][t]) {
                        differing++;
                        if (first < 0) {
                            first = q;
                        } else {
                            later++;
                        }
                    }
                }
                if (first >= 0) {
                    Margin m = margins == null ? null : Margin.of(margins.margin(k, t, first, a[first][t],
                            e[first][t]));
                    mismatches.add(new Mismatch(k, t, first, e[first][t], a[first][t], later, m));
                }
            }
        }
        return new Result(total, differing, mismatches, "");
    }
}
