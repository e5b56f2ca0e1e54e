package dev.encodecparity.layout;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Norm;
import dev.encodecparity.spec.SeanetStructure;
import dev.encodecparity.spec.SeanetStructure.Codebook;
import dev.encodecparity.spec.SeanetStructure.Conv;
import dev.encodecparity.spec.SeanetStructure.Lstm;
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
        if (parts[0].equals("quantizer")) {
            if (parts[1].matches("\\d+") && Integer.parseInt(parts[1]) < a.nQ()) {
                out.add(layout.codebook(new Codebook(Integer.parseInt(parts[1]), a.bins(), a.dimension())) + ".embed");
            } else if (parts[1].equals("decode")) {
                for (int q = 0; q < a.nQ(); q++) {
                    out.add(layout.codebook(new Codebook(q, a.bins(), a.dimension())) + ".embed");
                }
            }
            return out;
        }
        boolean encoder = parts[0].equals("encoder");
        if (!encoder && !parts[0].equals("decoder") || !parts[1].matches("\\d+")) {
            return out;
        }
        int index = Integer.parseInt(parts[1]);
        List<SeanetStructure.Module> modules = encoder ? SeanetStructure.encoder(a) : SeanetStructure.decoder(a);
        for (SeanetStructure.Module m : modules) {
            if (m instanceof Conv c && c.index() == index) {
                String p = layout.conv(c);
                if (a.norm() == Norm.WEIGHT_NORM) {
                    out.addAll(List.of(p + ".weight_g", p + ".weight_v", p + ".bias"));
                } else {
                    out.addAll(List.of(p + ".weight", p + ".bias", layout.norm(c) + ".weight", layout.norm(c) + ".bias"));
                }
            } else if (m instanceof Lstm l && l.index() == index) {
                for (int layer = 0; layer < l.layers(); layer++) {
                    for (String p : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
                        out.add(layout.lstm(l) + "." + p + layer);
                    }
                }
            }
        }
        return out;
    }
}
