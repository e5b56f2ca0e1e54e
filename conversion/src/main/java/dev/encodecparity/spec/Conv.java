package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A padded (transposed) convolution with its norm: the original {@code SConv1d} / {@code SConvTranspose1d}. Under
 * {@code weight_norm} it stores {@code weight_g}, {@code weight_v} and {@code bias}; under {@code time_group_norm} a
 * plain {@code weight} and {@code bias}, followed by a {@link GroupNorm}. Build one with {@link #builder}.
 *
 * @param index index of the layer it belongs to in its side's {@code nn.Sequential}
 * @param role where it sits in that layer: the layer itself, a residual branch conv, or the shortcut
 */
public record Conv(Side side, int index, Role role, boolean transposed, int in, int out, int kernel, int stride,
        int dilation, Norm norm) implements SeanetLayer, TensorModule {

    /** Where a conv sits inside the layer at its index: the layer itself, a residual branch conv, or the shortcut. */
    public enum Role {
        MAIN(""), BLOCK_1("block.1"), BLOCK_3("block.3"), SHORTCUT("shortcut");

        private final String path;

        Role(String path) {
            this.path = path;
        }

        /** "block.1", or "" for the layer itself. */
        public String path() {
            return path;
        }
    }

    public static Builder builder(Side side, int index) {
        return new Builder(side, index);
    }

    public ConvWeight weight() {
        // torch stores a transposed conv's weight as [in, out, k]; weight norm's dim 0 is then the input.
        long[] shape = transposed ? new long[] {in, out, kernel} : new long[] {out, in, kernel};
        if (norm == Norm.WEIGHT_NORM) {
            return new ConvWeight.WeightNormed(new TensorSlot("weight_g", new long[] {shape[0], 1, 1}),
                    new TensorSlot("weight_v", shape));
        }
        return new ConvWeight.Plain(new TensorSlot("weight", shape));
    }

    public TensorSlot bias() {
        return new TensorSlot("bias", new long[] {out});
    }

    /** The GroupNorm that follows the conv in {@code time_group_norm} models. */
    public Optional<GroupNorm> groupNorm() {
        return norm == Norm.TIME_GROUP_NORM ? Optional.of(new GroupNorm(this)) : Optional.empty();
    }

    /** The conv's own tensors in state-dict order (its GroupNorm's are under their own prefix). */
    @Override
    public List<TensorSlot> tensors() {
        ConvWeight w = weight();
        if (w instanceof ConvWeight.WeightNormed wn) {
            // weight_norm deletes the parameter "weight" and registers weight_g, weight_v after the remaining bias.
            return List.of(bias(), wn.g(), wn.v());
        }
        return List.of(((ConvWeight.Plain) w).weight(), bias());
    }

    /** The conv and, when there is one, its GroupNorm: the modules with tensors, in state-dict order. */
    public List<TensorModule> tensorModules() {
        List<TensorModule> out = new ArrayList<>(List.of(this));
        groupNorm().ifPresent(out::add);
        return out;
    }

    /** Names the fields of a conv; unset ones are a plain (role MAIN, stride 1, dilation 1) conv's. */
    public static final class Builder {
        private final Side side;
        private final int index;
        private Role role = Role.MAIN;
        private boolean transposed;
        private int in;
        private int out;
        private int kernel;
        private int stride = 1;
        private int dilation = 1;
        private Norm norm;

        private Builder(Side side, int index) {
            this.side = side;
            this.index = index;
        }

        public Builder role(Role r) {
            this.role = r;
            return this;
        }

        public Builder transposed() {
            this.transposed = true;
            return this;
        }

        public Builder channels(int inChannels, int outChannels) {
            this.in = inChannels;
            this.out = outChannels;
            return this;
        }

        public Builder kernel(int k) {
            this.kernel = k;
            return this;
        }

        public Builder stride(int s) {
            this.stride = s;
            return this;
        }

        public Builder dilation(int d) {
            this.dilation = d;
            return this;
        }

        public Builder norm(Norm n) {
            this.norm = n;
            return this;
        }

        public Conv build() {
            return new Conv(side, index, role, transposed, in, out, kernel, stride, dilation, norm);
        }
    }
}
