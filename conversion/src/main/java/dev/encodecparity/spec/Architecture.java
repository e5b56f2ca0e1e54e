package dev.encodecparity.spec;

import dev.encodecparity.common.Required;
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

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fields by name; each must be set. */
    public static final class Builder {
        private Integer channels;
        private Integer nFilters;
        private Integer dimension;
        private List<Integer> ratios;
        private Integer nResidualLayers;
        private Integer kernelSize;
        private Integer residualKernelSize;
        private Integer lastKernelSize;
        private Integer dilationBase;
        private Integer compress;
        private Integer lstmLayers;
        private Norm norm;
        private Boolean convShortcut;
        private Integer bins;
        private Integer nQ;

        private Builder() {
        }

        public Builder channels(int value) { channels = value; return this; }
        public Builder nFilters(int value) { nFilters = value; return this; }
        public Builder dimension(int value) { dimension = value; return this; }
        public Builder ratios(List<Integer> value) { ratios = value; return this; }
        public Builder nResidualLayers(int value) { nResidualLayers = value; return this; }
        public Builder kernelSize(int value) { kernelSize = value; return this; }
        public Builder residualKernelSize(int value) { residualKernelSize = value; return this; }
        public Builder lastKernelSize(int value) { lastKernelSize = value; return this; }
        public Builder dilationBase(int value) { dilationBase = value; return this; }
        public Builder compress(int value) { compress = value; return this; }
        public Builder lstmLayers(int value) { lstmLayers = value; return this; }
        public Builder norm(Norm value) { norm = value; return this; }
        public Builder convShortcut(boolean value) { convShortcut = value; return this; }
        public Builder bins(int value) { bins = value; return this; }
        public Builder nQ(int value) { nQ = value; return this; }

        /** The record; a field that was not set is a programming error, refused here. */
        public Architecture build() {
            return new Architecture(need(channels, "channels"), need(nFilters, "nFilters"), need(dimension,
                    "dimension"), need(ratios, "ratios"), need(nResidualLayers, "nResidualLayers"), need(kernelSize,
                    "kernelSize"), need(residualKernelSize, "residualKernelSize"), need(lastKernelSize,
                    "lastKernelSize"), need(dilationBase, "dilationBase"), need(compress, "compress"), need(lstmLayers,
                    "lstmLayers"), need(norm, "norm"), need(convShortcut, "convShortcut"), need(bins, "bins"), need(nQ,
                    "nQ"));
        }

        private static <T> T need(T value, String field) {
            return Required.set(value, "Architecture.Builder", field);
        }
    }
}
