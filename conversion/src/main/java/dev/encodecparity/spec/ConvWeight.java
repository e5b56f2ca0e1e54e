package dev.encodecparity.spec;

import java.util.List;

/** How a convolution stores its weight: as is, or weight-normed as a magnitude {@code g} and a direction {@code v}. */
public sealed interface ConvWeight {
    /** The weight's shape: {@code [out, in, k]}, or {@code [in, out, k]} for a transposed conv (torch's layout). */
    long[] shape();

    /** The stored tensors, weight first as a diagnosis lists them: {@code weight}, or {@code weight_g, weight_v}. */
    List<TensorSlot> tensors();

    /** A plain {@code weight} (time_group_norm models). */
    record Plain(TensorSlot weight) implements ConvWeight {
        @Override
        public long[] shape() {
            return weight.shape();
        }

        @Override
        public List<TensorSlot> tensors() {
            return List.of(weight);
        }
    }

    /**
     * torch's {@code weight_norm(dim=0)}: {@code weight = g * v / ||v||} per slice along dim 0, {@code g} of shape
     * {@code [dim0, 1, 1]}. For a transposed conv dim 0 is the input channels.
     */
    record WeightNormed(TensorSlot g, TensorSlot v) implements ConvWeight {
        @Override
        public long[] shape() {
            return v.shape();
        }

        @Override
        public List<TensorSlot> tensors() {
            return List.of(g, v);
        }
    }
}
