package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The module tree of an EnCodec, as the original code builds it from an {@link Architecture}: a SEANet encoder and
 * decoder ({@link SeanetStack}) and the residual vector quantizer between them. Every tensor of a state dict is a
 * {@link TensorSlot} of one {@link TensorModule} of this tree; the key layouts only give each module its prefix, and
 * the engine reads its weights from the same nodes.
 */
public record ModuleTree(SeanetStack encoder, ResidualQuantizer quantizer, SeanetStack decoder) {
    public static ModuleTree of(Architecture a) {
        return new ModuleTree(SeanetStack.encoder(a), ResidualQuantizer.of(a), SeanetStack.decoder(a));
    }

    public SeanetStack side(Side side) {
        return side == Side.ENCODER ? encoder : decoder;
    }

    /**
     * Every module with tensors in the state-dict order of the family's code: encoder, quantizer, decoder
     * (audiocraft registers the quantizer last, see {@link Family}).
     */
    public List<TensorModule> tensorModules(Family family) {
        List<TensorModule> out = new ArrayList<>(encoder.tensorModules());
        if (!family.quantizerLast()) {
            out.addAll(quantizer.codebooks());
        }
        out.addAll(decoder.tensorModules());
        if (family.quantizerLast()) {
            out.addAll(quantizer.codebooks());
        }
        return out;
    }
}
