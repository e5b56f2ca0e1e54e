package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.engine.chunks.OverlapAdd;
import dev.encodecparity.engine.chunks.PlanarAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The overlap-add on the host gives, bit for bit, what the original's {@code _linear_overlap_add} gives in torch, op
  * for
 * op: the weights from {@code torch.linspace}, the weighted sums, the division.
 */
class OverlapAddTorchTest {
    @Test
    void theWindowIsTorchsTriangle() {
        try (NDManager m = NDManager.newBaseManager(ComputeDevice.resolve("cpu").device())) {
            // linspace(0, 1, 3)[1:-1] = [0.5]; linspace(0, 1, 5)[1:-1] = [0.25, 0.5, 0.75];
            // linspace(0, 1, 9)[1:-1] = [0.125 .. 0.875]; then 0.5 - |t - 0.5|.
            assertArrayEquals(new float[] {0.5f}, Ops.overlapWindow(m, 1));
            assertArrayEquals(new float[] {0.25f, 0.5f, 0.25f}, Ops.overlapWindow(m, 3));
            assertArrayEquals(new float[] {0.125f, 0.25f, 0.375f, 0.5f, 0.375f, 0.25f, 0.125f},
                    Ops.overlapWindow(m, 7));
        }
    }

    @Test
    void theHostOverlapAddIsBitIdenticalToTorchs() {
        // encodec_48khz's stride, three chunks (the last short), two channels, decoder-like values times a scale.
        int stride = 47520;
        int channels = 2;
        int[] lengths = {48000, 48000, 12480};
        Random random = new Random(14);
        try (NDManager m = NDManager.newBaseManager(ComputeDevice.resolve("cpu").device())) {
            List<NDArray> frames = new ArrayList<>();
            for (int n : lengths) {
                float[] v = new float[channels * n];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian() * 0.3f;
                }
                frames.add(m.create(v, new Shape(1, channels, n)).mul(0.0731f + random.nextFloat()));
            }
            float[] torch = torchOverlapAdd(m, frames, stride);
            OverlapAdd host = new OverlapAdd(Ops.overlapWindow(m, lengths[0]), stride, channels, lengths);
            frames.forEach(f -> host.add(f.toFloatArray()));
            float[] ours = PlanarAudio.join(host.result());
            assertEquals(torch.length, ours.length);
            for (int i = 0; i < ours.length; i++) {
                if (Float.floatToRawIntBits(torch[i]) != Float.floatToRawIntBits(ours[i])) {
                    throw new AssertionError("sample " + i + ": torch " + torch[i] + ", ours " + ours[i]);
                }
            }
        }
    }

    /** The original's {@code _linear_overlap_add}, line for line in torch. */
    private static float[] torchOverlapAdd(NDManager m, List<NDArray> frames, int stride) {
        long frameLength = Ops.length(frames.get(0));
        long total = stride * (frames.size() - 1L) + Ops.length(frames.get(frames.size() - 1));
        NDArray t = m.linspace(0f, 1f, (int) frameLength + 2).get(new NDIndex("1:{}", frameLength + 1));
        NDArray weight = t.sub(0.5f).abs().neg().add(0.5f);
        Shape shape = frames.get(0).getShape();
        NDArray out = m.zeros(new Shape(shape.get(0), shape.get(1), total));
        NDArray sumWeight = m.zeros(new Shape(total));
        long offset = 0;
        for (NDArray frame : frames) {
            long n = Ops.length(frame);
            NDArray w = weight.get(new NDIndex(":{}", n));
            NDIndex where = new NDIndex("..., {}:{}", offset, offset + n);
            out.set(where, out.get(where).add(w.mul(frame)));
            NDIndex span = new NDIndex("{}:{}", offset, offset + n);
            sumWeight.set(span, sumWeight.get(span).add(w));
            offset += stride;
        }
        return out.div(sumWeight).toFloatArray();
    }
}
