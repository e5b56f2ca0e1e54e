package dev.encodecparity.layout;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Codebook;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.Family;
import dev.encodecparity.spec.GroupNorm;
import dev.encodecparity.spec.Lstm;
import dev.encodecparity.spec.ModuleTree;
import dev.encodecparity.spec.TensorModule;
import dev.encodecparity.spec.TensorSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * How one file layout names an EnCodec's tensors. A layout gives each module of the {@link ModuleTree} its key
 * prefix; the tensors under a prefix, their names and shapes come from the tree, the same in every layout.
 */
public interface KeyLayout {
    /** "original" or "transformers", for messages. */
    String name();

    /** Prefix of a conv's own tensors ({@code weight_g}, {@code weight_v} or {@code weight}, {@code bias}). */
    String conv(Conv c);

    /** Prefix of the GroupNorm after a conv ({@code time_group_norm} models). */
    String norm(GroupNorm n);

    /** Prefix of an LSTM's {@code weight_ih_l0} etc. */
    String lstm(Lstm l);

    /** Prefix of a codebook's {@code inited}, {@code cluster_size}, {@code embed}, {@code embed_avg}. */
    String codebook(Codebook c);

    /** The prefix of any module with tensors. */
    default String prefix(TensorModule m) {
        if (m instanceof Conv c) {
            return conv(c);
        }
        if (m instanceof GroupNorm n) {
            return norm(n);
        }
        if (m instanceof Lstm l) {
            return lstm(l);
        }
        return codebook((Codebook) m);
    }

    /** The key of one of a module's tensors: {@code <prefix>.<name>}. */
    default String key(TensorModule m, TensorSlot t) {
        return prefix(m) + "." + t.name();
    }

    /** Every tensor the architecture implies, in the state-dict order of the family's original code. */
    default List<ExpectedTensor> expected(Architecture a, Family family) {
        List<ExpectedTensor> out = new ArrayList<>();
        for (TensorModule m : ModuleTree.of(a).tensorModules(family)) {
            for (TensorSlot t : m.tensors()) {
                out.add(new ExpectedTensor(key(m, t), t.shape()));
            }
        }
        return out;
    }
}
