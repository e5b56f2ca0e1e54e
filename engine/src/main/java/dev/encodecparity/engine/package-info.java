/**
 * EnCodec on DJL's PyTorch engine: the only package that touches DJL. {@link dev.encodecparity.engine.Codec} is the
 * entry point; {@link dev.encodecparity.engine.Ops} holds the composed operations DJL lacks (reflect padding,
 * GroupNorm, transposed convolution), each with a plain Java reference in {@code dev.encodecparity.reference}.
 * Weights live in one capped manager per model; every call runs in its own manager and frees it before returning.
 * What a model accepts is checked in {@link dev.encodecparity.engine.InputChecks}; how clips are cut, batched and
 * joined again is plain arithmetic in {@code dev.encodecparity.engine.chunks}.
 */
package dev.encodecparity.engine;
