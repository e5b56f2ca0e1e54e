package dev.encodecparity.layout;

import dev.encodecparity.spec.Codebook;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.GroupNorm;
import dev.encodecparity.spec.Lstm;

/**
 * Names in facebookresearch/encodec and audiocraft state dicts: {@code encoder.model.1.block.1.conv.conv.weight_g},
 * {@code decoder.model.3.convtr.convtr.weight_v}, {@code encoder.model.0.conv.norm.weight},
 * {@code quantizer.vq.layers.0._codebook.embed}.
 */
public final class OriginalLayout implements KeyLayout {
    public static final OriginalLayout INSTANCE = new OriginalLayout();

    private OriginalLayout() {
    }

    @Override
    public String name() {
        return "original";
    }

    @Override
    public String conv(Conv c) {
        return module(c) + (c.transposed() ? ".convtr.convtr" : ".conv.conv");
    }

    @Override
    public String norm(GroupNorm n) {
        Conv c = n.conv();
        return module(c) + (c.transposed() ? ".convtr.norm" : ".conv.norm");
    }

    @Override
    public String lstm(Lstm l) {
        return l.side().moduleName() + ".model." + l.index() + ".lstm";
    }

    @Override
    public String codebook(Codebook c) {
        return "quantizer.vq.layers." + c.q() + "._codebook";
    }

    private static String module(Conv c) {
        String base = c.side().moduleName() + ".model." + c.index();
        return c.role().path().isEmpty() ? base : base + "." + c.role().path();
    }
}
