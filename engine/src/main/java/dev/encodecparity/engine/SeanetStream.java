package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * The SEANet encoder or decoder on a clip that arrives in blocks: each block goes through the layers' streams in
 * order ({@link StreamStep}), and the outputs of all blocks and of {@link #finish}, joined, are the whole-clip output.
 * Each layer runs in its own {@link NDScope}, so its temporaries are freed before the next runs; what a layer carries
 * to the next block lives in the stream's state manager, bounded by the block's size, whatever the clip's length.
 */
final class SeanetStream {
    /** One layer's stream, named as in the model tree. */
    record Layer(String name, String kind, StreamStep step) {
    }

    private final List<Layer> layers;
    private final StepTimes times;

    SeanetStream(List<Layer> layers, StepTimes times) {
        this.layers = List.copyOf(layers);
        this.times = times;
    }

    /** The output this block decides, or null; {@code x} stays the caller's. */
    NDArray push(NDArray x) {
        return run(x, false);
    }

    /** The rest of the output once the clip has ended, or null. */
    NDArray finish() {
        return run(null, true);
    }

    private NDArray run(NDArray x, boolean end) {
        NDArray h = x;
        for (Layer layer : layers) {
            if (h == null && !end) {
                return null; // nothing reached this layer yet
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                long start = System.nanoTime();
                NDArray out = layer.step().push(h);
                if (end) {
                    out = StreamStep.join(out, layer.step().finish());
                }
                times.add(layer.name(), layer.kind(), System.nanoTime() - start);
                if (out != null) {
                    NDScope.unregister(out);
                }
                if (h != x && h != null) {
                    h.close();
                }
                h = out;
            }
        }
        return h;
    }
}
