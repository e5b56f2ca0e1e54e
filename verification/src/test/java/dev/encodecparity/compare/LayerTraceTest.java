package dev.encodecparity.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.engine.Tracer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every module's difference, not only the first: what --trace and the page's chart are made of. */
class LayerTraceTest {
    private static void run(Tracer t, float scale3) {
        t.record(0, "encoder.0", "conv", new long[] {1, 4}, new float[] {1, 2, 3, 4});
        t.record(0, "encoder.1", "elu", new long[] {1, 4}, new float[] {1, 2, 3, 4 * scale3});
        t.record(1, "encoder.0", "conv", new long[] {1, 4}, new float[] {1, 2, 3, 8 * scale3});
        t.record(1, "quantizer.0", "codes of codebook 0", new long[] {1, 2}, new float[] {5, 6});
    }

    @Test
    void everyModuleIsComparedPastTheFirstDivergence() {
        LayerTrace t = new LayerTrace();
        run(t.recorder(), 1);
        run(t.checker(), 1.5f);
        assertEquals("encoder.1", t.divergence().module());
        assertEquals("encoder.0", t.divergence().previous());
        List<LayerTrace.ModuleDifference> m = t.modules();
        assertEquals(4, m.size());
        assertEquals(0.0, m.get(0).maxAbsDifference());
        assertEquals(2.0, m.get(1).maxAbsDifference());
        assertEquals(4.0, m.get(2).maxAbsDifference());
        assertEquals(1, m.get(2).differing());

        LayerProfile p = LayerProfile.of("clip.wav", 2, 2.5, m, List.of());
        assertEquals(3, p.modules().size(), "encoder.0 of both chunks is one module");
        assertEquals(4.0, p.modules().get(0).maxAbsDifference());
        assertEquals(8, p.modules().get(0).size());
        assertEquals("encoder.0", p.firstOverTolerance(), "chunk 1 of encoder.0 is over 2.5");
        assertEquals(4.0, p.maxAbsDifference());
        assertNull(LayerProfile.of("clip.wav", 2, 10, m, List.of()).firstOverTolerance());
    }

    @Test
    void codesAreOverToleranceWhenAnyDiffers() {
        LayerProfile.Module codes = new LayerProfile.Module(LayerProfile.ENCODING, "quantizer.0", "codes of codebook 0",
                1, 1, 10);
        assertTrue(codes.over(100));
        LayerProfile.Module shape = new LayerProfile.Module(LayerProfile.DECODING, "decoder.1", "conv", Double.NaN,
                3, 3);
        assertTrue(shape.over(100), "a shape that differs is over any tolerance");
    }

    @Test
    void aSampledTraceReplaysAgainstALaterRun() {
        LayerTrace first = LayerTrace.sampled(2);
        Tracer rec = first.recorder();
        rec.record(0, "decoder.0", "conv", new long[] {1, 6}, new float[] {0, 1, 2, 3, 4, 5});
        rec.record(0, "output", "decoded audio", new long[] {1, 1}, new float[] {7});
        assertEquals(2, first.entries().get(0).values().length, "kept: values 0 and 3");
        assertEquals(1, first.entries().get(1).values().length);

        LayerTrace later = LayerTrace.replay(first.entries(), 2);
        Tracer check = later.checker();
        check.record(0, "decoder.0", "conv", new long[] {1, 6}, new float[] {0, 9, 9, 3.5f, 9, 9});
        check.record(0, "output", "decoded audio", new long[] {1, 1}, new float[] {7});
        assertEquals(0.5, later.modules().get(0).maxAbsDifference(), 1e-6, "only the kept values are compared");
        assertEquals(2, later.modules().get(0).size());
        assertEquals(0.0, later.modules().get(1).maxAbsDifference());

        LayerTrace apart = LayerTrace.replay(first.entries(), 2);
        apart.checker().record(0, "decoder.0", "conv", new long[] {1, 8}, new float[8]);
        assertTrue(Double.isNaN(apart.modules().get(0).maxAbsDifference()), "another shape: nothing to compare");
        assertEquals(1, apart.modules().size());
    }
}
