package dev.encodecparity.engine;

import dev.encodecparity.engine.chunks.Batches;
import java.util.List;
import java.util.function.Function;

/**
 * One chunk of one clip (or the codes of one item's chunk): where it starts and how long it is, and how pieces are
 * batched.
 */
record Piece(int clip, int chunk, long offset, int length) {
    /** Pieces that can be stacked together (equal keys), bounded; one at a time, in order, when tracing. */
    static List<List<Piece>> batches(List<Piece> pieces, Tracer tracer, Function<Piece, Object> key) {
        return tracer.recordsModules() ? Batches.oneByOne(pieces) : Batches.DEFAULT.byKey(pieces, key, Piece::length);
    }
}
