package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The module tree of an EnCodec (SEANet encoder and decoder, residual vector quantizer), walked in the order the
 * original code registers it (encoder, quantizer, decoder; audiocraft puts the quantizer last, see {@link Family}).
 * Both key layouts and the inference engine are built from this one walk; only the names differ between layouts.
 *
 * <p>Module indices follow the original {@code nn.Sequential}: the encoder is conv, then per ratio (reversed) residual
 * blocks, ELU and a strided conv, then LSTM, ELU, conv; the decoder is conv, LSTM, then per ratio ELU, transposed
 * conv and residual blocks, then ELU, conv. ELUs have no tensors but take an index.
 */
public final class SeanetStructure {
    private SeanetStructure() {
    }

    /** Where a conv sits inside module {@code index}: the module itself, a residual branch conv, or the shortcut. */
    public enum Role {
        MAIN(""), BLOCK_1("block.1"), BLOCK_3("block.3"), SHORTCUT("shortcut");

        private final String path;

        Role(String path) {
            this.path = path;
        }

        /** "block.1", or "" for the module itself. */
        public String path() {
            return path;
        }
    }

    /** A module with tensors. */
    public sealed interface Module permits Conv, Lstm, Codebook {
    }

    /**
     * A padded (transposed) convolution with its norm.
     *
     * @param encoder false for the decoder
     * @param index index in the side's {@code nn.Sequential}
     */
    public record Conv(boolean encoder, int index, Role role, boolean transposed, int in, int out, int kernel,
            int stride, int dilation) implements Module {
    }

    /** The SLSTM: {@code layers} layers of width {@code dim}, with a skip connection. */
    public record Lstm(boolean encoder, int index, int dim, int layers) implements Module {
    }

    /** Codebook {@code q} of the residual vector quantizer. */
    public record Codebook(int q, int bins, int dim) implements Module {
    }

    /** Every module with tensors, in the state-dict order of the family's code. */
    public static List<Module> modules(Architecture a, Family family) {
        List<Module> out = new ArrayList<>(encoder(a));
        List<Module> codebooks = new ArrayList<>();
        for (int q = 0; q < a.nQ(); q++) {
            codebooks.add(new Codebook(q, a.bins(), a.dimension()));
        }
        if (!family.quantizerLast()) {
            out.addAll(codebooks);
        }
        out.addAll(decoder(a));
        if (family.quantizerLast()) {
            out.addAll(codebooks);
        }
        return out;
    }

    /** The encoder's modules in order. */
    public static List<Module> encoder(Architecture a) {
        List<Module> m = new ArrayList<>();
        int width = a.nFilters();
        m.add(new Conv(true, 0, Role.MAIN, false, a.channels(), width, a.kernelSize(), 1, 1));
        int idx = 1;
        List<Integer> ratios = a.ratios();
        for (int i = ratios.size() - 1; i >= 0; i--) {
            for (int j = 0; j < a.nResidualLayers(); j++) {
                residualBlock(m, a, true, idx++, width, j);
            }
            idx++; // ELU
            int r = ratios.get(i);
            m.add(new Conv(true, idx++, Role.MAIN, false, width, width * 2, 2 * r, r, 1));
            width *= 2;
        }
        if (a.lstmLayers() > 0) {
            m.add(new Lstm(true, idx++, width, a.lstmLayers()));
        }
        idx++; // ELU
        m.add(new Conv(true, idx, Role.MAIN, false, width, a.dimension(), a.lastKernelSize(), 1, 1));
        return m;
    }

    /** The decoder's modules in order. */
    public static List<Module> decoder(Architecture a) {
        List<Module> m = new ArrayList<>();
        int width = a.nFilters() << a.ratios().size();
        m.add(new Conv(false, 0, Role.MAIN, false, a.dimension(), width, a.kernelSize(), 1, 1));
        int idx = 1;
        if (a.lstmLayers() > 0) {
            m.add(new Lstm(false, idx++, width, a.lstmLayers()));
        }
        for (int r : a.ratios()) {
            idx++; // ELU
            m.add(new Conv(false, idx++, Role.MAIN, true, width, width / 2, 2 * r, r, 1));
            width /= 2;
            for (int j = 0; j < a.nResidualLayers(); j++) {
                residualBlock(m, a, false, idx++, width, j);
            }
        }
        idx++; // ELU
        m.add(new Conv(false, idx, Role.MAIN, false, width, a.channels(), a.lastKernelSize(), 1, 1));
        return m;
    }

    private static void residualBlock(List<Module> m, Architecture a, boolean encoder, int idx, int dim, int j) {
        int hidden = dim / a.compress();
        int dilation = (int) Math.round(Math.pow(a.dilationBase(), j));
        m.add(new Conv(encoder, idx, Role.BLOCK_1, false, dim, hidden, a.residualKernelSize(), 1, dilation));
        m.add(new Conv(encoder, idx, Role.BLOCK_3, false, hidden, dim, 1, 1, 1));
        if (a.convShortcut()) {
            m.add(new Conv(encoder, idx, Role.SHORTCUT, false, dim, dim, 1, 1, 1));
        }
    }
}
