/**
 * What an EnCodec is, independent of any file layout: its {@link dev.encodecparity.spec.Architecture} (which fixes
 * every tensor), its behaviour ({@link dev.encodecparity.spec.ModelSpec}), and its module tree
 * ({@link dev.encodecparity.spec.ModuleTree}: SEANet stacks of convs, residual blocks and an LSTM, and the quantizer's
 * codebooks), whose {@link dev.encodecparity.spec.TensorSlot}s are the one list of tensor names and shapes that the
 * layouts prefix and the engine reads.
 */
package dev.encodecparity.spec;
