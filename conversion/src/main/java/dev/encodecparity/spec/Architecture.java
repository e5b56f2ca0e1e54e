package dev.encodecparity.spec;

import java.util.List;

/**
 * What decides an EnCodec's tensors: every name and shape in a state dict follows from these fields (see
 * {@link ModuleTree}). Behaviour that needs no tensors (padding, causality, rates) is in {@link ModelSpec}.
 *
 * @param ratios decoder order (upsampling); the encoder uses them reversed
 * @param lstmLayers 0 for none (original models only; transformers always has two)
 */
public record Architecture(
        int channels,
        int nFilters,
        int dimension,
        List<Integer> ratios,
        int nResidualLayers,
        int kernelSize,
        int residualKernelSize,
        int lastKernelSize,
        int dilationBase,
        int compress,
        int lstmLayers,
        Norm norm,
        boolean convShortcut,
        int bins,
        int nQ) {

    public Architecture {
        ratios = List.copyOf(ratios);
    }

    /** The largest hop length (samples per frame) accepted; real models use a few hundred. */
    public static final long MAX_HOP_LENGTH = 1 << 20;

    /** The product of {@code ratios}, or {@code Long.MAX_VALUE} once it passes {@link #MAX_HOP_LENGTH}. */
    public static long hopLengthOf(java.util.List<Integer> ratios) {
        long h = 1;
        for (int r : ratios) {
            h *= r;
            if (h > MAX_HOP_LENGTH || h < 0) {
                return Long.MAX_VALUE;
            }
        }
        return h;
    }

    /** Samples per frame: the product of the ratios (validated settings keep it within {@link #MAX_HOP_LENGTH}). */
    public int hopLength() {
        return Math.toIntExact(hopLengthOf(ratios));
    }
}
