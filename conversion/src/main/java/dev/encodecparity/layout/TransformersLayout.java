package dev.encodecparity.layout;

import dev.encodecparity.spec.Codebook;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.GroupNorm;
import dev.encodecparity.spec.Lstm;

/**
 * Names in transformers' {@code EncodecModel} with the legacy weight-norm names the hub files use:
 * {@code encoder.layers.1.block.1.conv.weight_g}, {@code decoder.layers.3.conv.weight_v} (transposed convs are also
 * {@code conv}), {@code encoder.layers.0.norm.weight}, {@code quantizer.layers.0.codebook.embed}.
 */
public final class TransformersLayout implements KeyLayout {
    public static final TransformersLayout INSTANCE = new TransformersLayout();

    /** torch >= 2.1 writes weight norm as parametrizations; both spellings name the same tensors. */
    private static final String G_PARAMETRIZED = ".parametrizations.weight.original0";
    private static final String V_PARAMETRIZED = ".parametrizations.weight.original1";

    private TransformersLayout() {
    }

    @Override
    public String name() {
        return "transformers";
    }

    @Override
    public String conv(Conv c) {
        return module(c) + ".conv";
    }

    @Override
    public String norm(GroupNorm n) {
        return module(n.conv()) + ".norm";
    }

    @Override
    public String lstm(Lstm l) {
        return l.side().moduleName() + ".layers." + l.index() + ".lstm";
    }

    @Override
    public String codebook(Codebook c) {
        return "quantizer.layers." + c.q() + ".codebook";
    }

    /** Maps the legacy spelling of weight norm to the parametrizations one; other names pass unchanged. */
    public static String parametrizedName(String name) {
        if (name.endsWith(".weight_g")) {
            return name.substring(0, name.length() - ".weight_g".length()) + G_PARAMETRIZED;
        }
        if (name.endsWith(".weight_v")) {
            return name.substring(0, name.length() - ".weight_v".length()) + V_PARAMETRIZED;
        }
        return name;
    }

    /** Maps the parametrizations spelling of weight norm to the legacy one; other names pass unchanged. */
    public static String legacyName(String name) {
        if (name.endsWith(G_PARAMETRIZED)) {
            return name.substring(0, name.length() - G_PARAMETRIZED.length()) + ".weight_g";
        }
        if (name.endsWith(V_PARAMETRIZED)) {
            return name.substring(0, name.length() - V_PARAMETRIZED.length()) + ".weight_v";
        }
        return name;
    }

    /**
     * How weight norm is spelled among {@code names} (either layout's): "legacy" ({@code weight_g}/{@code weight_v}),
     * "parametrizations", "mixed", or "none" (no weight-norm tensors: GroupNorm models).
     */
    public static String weightNormSpelling(java.util.Collection<String> names) {
        boolean legacy = false;
        boolean parametrized = false;
        for (String n : names) {
            legacy |= n.endsWith(".weight_g") || n.endsWith(".weight_v");
            parametrized |= n.endsWith(G_PARAMETRIZED) || n.endsWith(V_PARAMETRIZED);
        }
        return legacy && parametrized ? "mixed" : legacy ? "legacy" : parametrized ? "parametrizations" : "none";
    }

    private static String module(Conv c) {
        String base = c.side().moduleName() + ".layers." + c.index();
        return c.role().path().isEmpty() ? base : base + "." + c.role().path();
    }
}
