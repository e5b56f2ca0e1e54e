package dev.encodecparity.spec;

/** An ELU between two layers: no tensors, but it takes an index (and is a step the engine traces). */
public record Elu(Side side, int index) implements SeanetLayer {
}
