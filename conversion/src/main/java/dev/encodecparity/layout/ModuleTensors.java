package dev.encodecparity.layout;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Codebook;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.Lstm;
import dev.encodecparity.spec.ModuleTree;
import dev.encodecparity.spec.ResidualBlock;
import dev.encodecparity.spec.SeanetLayer;
import dev.encodecparity.spec.Side;
import dev.encodecparity.spec.TensorSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors that feed one module, named in a given layout: what to show when that module's output differs between
 * two models. Modules are named as the engine traces them: "encoder.4", "decoder.3", "quantizer.0".
 */
public final class ModuleTensors {
    private ModuleTensors() {
    }

    public static List<String> of(String module, Architecture a, KeyLayout layout) {
        List<String> out = new ArrayList<>();
        String[] parts = module.split("\\.");
        if (parts.length != 2) {
            return out;
        }
        ModuleTree tree = ModuleTree.of(a);
        if (parts[0].equals("quantizer")) {
            List<Codebook> books = tree.quantizer().codebooks();
            if (parts[1].matches("\\d+") && Integer.parseInt(parts[1]) < books.size()) {
                Codebook c = books.get(Integer.parseInt(parts[1]));
                out.add(layout.key(c, c.embed()));
            } else if (parts[1].equals("decode")) {
                books.forEach(c -> out.add(layout.key(c, c.embed())));
            }
            return out;
        }
        boolean encoder = parts[0].equals("encoder");
        if (!encoder && !parts[0].equals("decoder") || !parts[1].matches("\\d+")) {
            return out;
        }
        SeanetLayer layer = tree.side(encoder ? Side.ENCODER : Side.DECODER).layer(Integer.parseInt(parts[1]))
                .orElse(null);
        if (layer instanceof Conv c) {
            addConv(out, c, layout);
        } else if (layer instanceof ResidualBlock b) {
            b.convs().forEach(c -> addConv(out, c, layout));
        } else if (layer instanceof Lstm l) {
            l.tensors().forEach(t -> out.add(layout.key(l, t)));
        }
        return out;
    }

    /** Weight, bias, then the GroupNorm's affine: the order a diagnosis lists a conv's tensors in. */
    private static void addConv(List<String> out, Conv c, KeyLayout layout) {
        for (TensorSlot t : c.weight().tensors()) {
            out.add(layout.key(c, t));
        }
        out.add(layout.key(c, c.bias()));
        c.groupNorm().ifPresent(n -> n.tensors().forEach(t -> out.add(layout.key(n, t))));
    }
}
