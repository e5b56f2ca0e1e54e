package dev.encodecparity.layout;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Family;
import dev.encodecparity.spec.Norm;
import dev.encodecparity.spec.SeanetStructure;
import dev.encodecparity.spec.SeanetStructure.Codebook;
import dev.encodecparity.spec.SeanetStructure.Conv;
import dev.encodecparity.spec.SeanetStructure.Lstm;
import java.util.ArrayList;
import java.util.List;

/**
 * How one file layout names an EnCodec's tensors. A layout gives each module's name prefix; the tensors under a prefix
 * and their shapes follow from the module and the norm, the same in every layout.
 */
public interface KeyLayout {
    /** "original" or "transformers", for messages. */
    String name();

    /** Prefix of a conv's own tensors: {@code <prefix>.weight_g}, {@code .weight_v}, {@code .weight}, {@code .bias}. */
    String conv(Conv c);

    /** Prefix of the GroupNorm after a conv ({@code time_group_norm} models): {@code <prefix>.weight}, {@code .bias}. */
    String norm(Conv c);

    /** Prefix of an LSTM's {@code weight_ih_l0} etc. */
    String lstm(Lstm l);

    /** Prefix of a codebook's {@code inited}, {@code cluster_size}, {@code embed}, {@code embed_avg}. */
    String codebook(Codebook c);

    /** Every tensor the architecture implies, in the state-dict order of the family's original code. */
    default List<ExpectedTensor> expected(Architecture a, Family family) {
        List<ExpectedTensor> out = new ArrayList<>();
        for (SeanetStructure.Module m : SeanetStructure.modules(a, family)) {
            if (m instanceof Conv c) {
                // torch stores a transposed conv's weight as [in, out, k]; weight norm's dim 0 is then the input.
                long[] weight = c.transposed() ? new long[] {c.in(), c.out(), c.kernel()}
                        : new long[] {c.out(), c.in(), c.kernel()};
                String p = conv(c);
                if (a.norm() == Norm.WEIGHT_NORM) {
                    out.add(new ExpectedTensor(p + ".bias", new long[] {c.out()}));
                    out.add(new ExpectedTensor(p + ".weight_g", new long[] {weight[0], 1, 1}));
                    out.add(new ExpectedTensor(p + ".weight_v", weight));
                } else {
                    out.add(new ExpectedTensor(p + ".weight", weight));
                    out.add(new ExpectedTensor(p + ".bias", new long[] {c.out()}));
                    out.add(new ExpectedTensor(norm(c) + ".weight", new long[] {c.out()}));
                    out.add(new ExpectedTensor(norm(c) + ".bias", new long[] {c.out()}));
                }
            } else if (m instanceof Lstm l) {
                for (int layer = 0; layer < l.layers(); layer++) {
                    String p = lstm(l) + ".";
                    out.add(new ExpectedTensor(p + "weight_ih_l" + layer, new long[] {4L * l.dim(), l.dim()}));
                    out.add(new ExpectedTensor(p + "weight_hh_l" + layer, new long[] {4L * l.dim(), l.dim()}));
                    out.add(new ExpectedTensor(p + "bias_ih_l" + layer, new long[] {4L * l.dim()}));
                    out.add(new ExpectedTensor(p + "bias_hh_l" + layer, new long[] {4L * l.dim()}));
                }
            } else if (m instanceof Codebook q) {
                String p = codebook(q) + ".";
                out.add(new ExpectedTensor(p + "inited", new long[] {1}));
                out.add(new ExpectedTensor(p + "cluster_size", new long[] {q.bins()}));
                out.add(new ExpectedTensor(p + "embed", new long[] {q.bins(), q.dim()}));
                out.add(new ExpectedTensor(p + "embed_avg", new long[] {q.bins(), q.dim()}));
            }
        }
        return out;
    }
}
