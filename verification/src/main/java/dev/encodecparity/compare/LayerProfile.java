package dev.encodecparity.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each module's output differs between two runs of one clip: the encoder and quantizer on the clip, then the
 * decoder on the same codes, so each module's difference is its own and not the sum of the ones before it. Values
 * traced in several chunks are one module here: its largest difference over the chunks. A nightly job keeps one per
 * run ({@code --trace}) to watch a module's drift grow before any row fails.
 *
 * @param clip the clip traced
 * @param codebooks the codebooks it was encoded and decoded with
 * @param tolerance what a module may differ by and still be called within tolerance (the run's audio atol)
 * @param firstOverTolerance the first module over it ({@link Module#over}), or null when every module is within it
 * @param modules in the order they ran
 */
public record LayerProfile(String clip, int codebooks, double tolerance, String firstOverTolerance,
        List<Module> modules) {
    /** The stage of the modules traced on the clip. */
    public static final String ENCODING = "encoding";
    /** The stage of the modules traced on the codes. */
    public static final String DECODING = "decoding";

    /**
     * One module of one stage.
     *
     * @param stage {@link #ENCODING} or {@link #DECODING}
     * @param maxAbsDifference largest difference of its outputs over every chunk, or NaN when their shapes differ
     * @param differing values that differ (bit for bit), over every chunk
     * @param size values compared, over every chunk
     */
    public record Module(String stage, String module, String kind, double maxAbsDifference, long differing,
            long size) {
        /**
         * Over {@code tolerance}: codes (a quantizer's output) when any differs, since a code is not a magnitude;
         * anything else when its largest difference is above it, or its shape differs.
         */
        public boolean over(double tolerance) {
            if (kind != null && kind.startsWith("codes")) {
                return differing > 0;
            }
            return Double.isNaN(maxAbsDifference) || maxAbsDifference > tolerance;
        }
    }

    /** A profile of the two stages' module differences ({@link LayerTrace#modules}), chunks folded together. */
    public static LayerProfile of(String clip, int codebooks, double tolerance,
            List<LayerTrace.ModuleDifference> encoding, List<LayerTrace.ModuleDifference> decoding) {
        List<Module> modules = new ArrayList<>(fold(ENCODING, encoding));
        modules.addAll(fold(DECODING, decoding));
        String first = modules.stream().filter(m -> m.over(tolerance)).map(Module::module).findFirst().orElse(null);
        return new LayerProfile(clip, codebooks, tolerance, first, List.copyOf(modules));
    }

    /** The largest difference of any module (NaN when a shape differs), 0 when every output is identical. */
    public double maxAbsDifference() {
        double max = 0;
        for (Module m : modules) {
            if (Double.isNaN(m.maxAbsDifference())) {
                return Double.NaN;
            }
            max = Math.max(max, m.maxAbsDifference());
        }
        return max;
    }

    private static List<Module> fold(String stage, List<LayerTrace.ModuleDifference> diffs) {
        Map<String, Module> byName = new LinkedHashMap<>();
        for (LayerTrace.ModuleDifference d : diffs) {
            Module had = byName.get(d.module());
            if (had == null) {
                byName.put(d.module(), new Module(stage, d.module(), d.kind(), d.maxAbsDifference(), d.differing(),
                        d.size()));
            } else {
                double max = Double.isNaN(had.maxAbsDifference()) || Double.isNaN(d.maxAbsDifference()) ? Double.NaN
                        : Math.max(had.maxAbsDifference(), d.maxAbsDifference());
                byName.put(d.module(), new Module(stage, d.module(), had.kind(), max, had.differing() + d.differing(),
                        had.size() + d.size()));
            }
        }
        return new ArrayList<>(byName.values());
    }
}
